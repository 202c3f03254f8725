import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { ConsumerLagMonitor } from './consumer-lag.monitor';
import type { LagSnapshot } from './lag-snapshot';
import { lagByTopic } from './partition-lag';

/** A scrape reuses a lag read at most this old, so concurrent gauges share one read. */
const SCRAPE_MAX_AGE_MS = 1_000;

/**
 * Exposes the watched group's lag under the names kafka-exporter uses, so existing dashboards and
 * alerts work unchanged: `kafka_consumergroup_lag`, `kafka_consumergroup_lag_sum`,
 * `kafka_consumergroup_current_offset`, `kafka_topic_partition_current_offset`, plus
 * `kafka_consumergroup_lag_seconds`. Each scrape reads Kafka (or reuses a read under a second old);
 * when Kafka cannot be read the series are absent rather than stale.
 */
@Injectable()
export class ConsumerLagMetrics implements OnModuleInit {
  private readonly logger = new Logger(ConsumerLagMetrics.name);

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly monitor: ConsumerLagMonitor,
  ) {}

  onModuleInit(): void {
    const partitionLabels = ['consumergroup', 'topic', 'partition'] as const;
    this.gauge(
      'kafka_consumergroup_lag',
      'Records the group has yet to read, per partition.',
      partitionLabels,
      (s, set) => {
        for (const p of s.partitions)
          set({ consumergroup: p.group, topic: p.topic, partition: p.partition }, p.lag);
      },
    );
    this.gauge(
      'kafka_consumergroup_lag_sum',
      'Records the group has yet to read, per topic.',
      ['consumergroup', 'topic'],
      (s, set) => {
        for (const t of lagByTopic(s.partitions)) set({ consumergroup: t.group, topic: t.topic }, t.lag);
      },
    );
    this.gauge(
      'kafka_consumergroup_lag_seconds',
      'Estimated age of the oldest record the group has yet to read (0 without lag), per partition.',
      partitionLabels,
      (s, set) => {
        for (const p of s.partitions)
          set({ consumergroup: p.group, topic: p.topic, partition: p.partition }, p.lagSeconds);
      },
    );
    this.gauge(
      'kafka_consumergroup_current_offset',
      'Committed offset of the group (the next offset it reads), per partition; absent before its first commit.',
      partitionLabels,
      (s, set) => {
        for (const p of s.partitions) {
          if (p.committed !== null)
            set({ consumergroup: p.group, topic: p.topic, partition: p.partition }, Number(p.committed));
        }
      },
    );
    this.gauge(
      'kafka_topic_partition_current_offset',
      'Log end offset, per partition.',
      ['topic', 'partition'],
      (s, set) => {
        for (const p of s.partitions) set({ topic: p.topic, partition: p.partition }, Number(p.end));
      },
    );
  }

  private gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (snapshot: LagSnapshot, set: (labels: Record<L, string | number>, value: number) => void) => void,
  ): void {
    const read = () => this.read();
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        const snapshot = await read();
        if (snapshot) fill(snapshot, (labels, value) => this.set(labels, value));
      },
    });
  }

  private async read(): Promise<LagSnapshot | undefined> {
    try {
      return await this.monitor.current(SCRAPE_MAX_AGE_MS);
    } catch (error) {
      this.logger.debug(
        `lag not exported this scrape: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }
}
