import { Controller, Get } from '@nestjs/common';
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
 * the lag is above the threshold). Checks of parts the app does not have are left out.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly redis: RedisHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly consumer: ConsumerGroupHealthIndicator,
    private readonly lag: ConsumerLagHealthIndicator,
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
    if (this.consumer.available) {
      checks.push(() => this.consumer.check('consumer'));
      checks.push(() => this.lag.check('lag'));
    }
    return readinessReport(await this.health.check(checks));
  }
}
