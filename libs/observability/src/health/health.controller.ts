import { Controller, Get, Optional } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { ConsumerGroupHealthIndicator } from './consumer-group.health';
import { ConsumerLagHealthIndicator } from './consumer-lag.health';
import { KafkaHealthIndicator } from './kafka.health';
import { RedisHealthIndicator } from './redis.health';
import { readinessReport, type ReadinessReport } from './readiness-report';

/**
 * Liveness (`/health/live`: the process answers) and readiness (`/health/ready`: 503 when Redis does
 * not answer PING, Kafka cannot be described, or the consumer is not in its group; 200 `degraded` when
 * the lag is above the threshold). Checks of parts the app does not have are left out; a service
 * that consumes nothing has no consumer or lag indicator at all.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly redis: RedisHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    @Optional() private readonly consumer?: ConsumerGroupHealthIndicator,
    @Optional() private readonly lag?: ConsumerLagHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  async ready(): Promise<ReadinessReport> {
    const checks: HealthIndicatorFunction[] = [];
    if (this.redis.available) checks.push(() => this.redis.check('redis'));
    if (this.kafka.available) checks.push(() => this.kafka.check('kafka'));
    const { consumer, lag } = this;
    if (consumer?.available && lag) {
      checks.push(() => consumer.check('consumer'));
      checks.push(() => lag.check('lag'));
    }
    return readinessReport(await this.health.check(checks));
  }
}
