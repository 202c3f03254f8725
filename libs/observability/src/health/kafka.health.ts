import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KafkaAdminConnection } from '../lag/kafka-admin.connection';
import { PROBE_TIMEOUT_MS } from './probe-timeout';
import { withTimeout } from './with-timeout';

/** Kafka is up when the admin client describes the cluster in time. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly admin: KafkaAdminConnection,
  ) {}

  get available(): boolean {
    return this.admin.available;
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const cluster = await withTimeout(
        this.admin.get().then((admin) => admin.describeCluster()),
        PROBE_TIMEOUT_MS,
        'Kafka describeCluster',
      );
      return indicator.up({ brokers: cluster.brokers.length, controller: cluster.controller });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
