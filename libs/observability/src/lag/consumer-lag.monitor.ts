import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Subject } from 'rxjs';
import { ConsumerGroupWatch } from '../consumer/consumer-group.watch';
import type { ResolvedObservabilityOptions } from '../observability-module.options';
import { OBSERVABILITY_OPTIONS } from '../observability.tokens';
import { AppendTimeEstimator } from './append-time.estimator';
import { ConsumerLagReader } from './consumer-lag.reader';
import { KafkaAdminConnection } from './kafka-admin.connection';
import type { LagSnapshot, TimedPartitionLag } from './lag-snapshot';
import { nextToRead, totalLag, type PartitionLag } from './partition-lag';

/**
 * Reads the watched consumer group's lag every `lagPollMs` and on demand (a scrape, a readiness probe),
 * one read at a time, and keeps the latest snapshot. Each read also feeds the per-partition history of
 * log end offsets that dates the oldest unread record (`lagSeconds`).
 */
@Injectable()
export class ConsumerLagMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConsumerLagMonitor.name);
  private readonly estimators = new Map<string, AppendTimeEstimator>();
  private readonly snapshots = new Subject<LagSnapshot>();
  private latest?: LagSnapshot;
  private reading?: Promise<LagSnapshot | undefined>;
  private timer?: NodeJS.Timeout;
  private failing = false;

  /** Every snapshot read, as it is read. */
  readonly snapshot$ = this.snapshots.asObservable();

  constructor(
    private readonly admin: KafkaAdminConnection,
    private readonly watch: ConsumerGroupWatch,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ResolvedObservabilityOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.poll(), this.options.lagPollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.snapshots.complete();
  }

  /**
   * The latest snapshot if it is at most `maxAgeMs` old, else a fresh read. Undefined when no consumer
   * is watched; rejects when Kafka cannot be read.
   */
  async current(maxAgeMs: number = this.options.lagPollMs): Promise<LagSnapshot | undefined> {
    if (this.latest && Date.now() - this.latest.readAt <= maxAgeMs) return this.latest;
    return this.refresh();
  }

  /** The last snapshot read, however old. */
  get last(): LagSnapshot | undefined {
    return this.latest;
  }

  /** Reads now, joining a read already under way. */
  refresh(): Promise<LagSnapshot | undefined> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async poll(): Promise<void> {
    try {
      await this.refresh();
      if (this.failing) this.logger.log('consumer lag readable again');
      this.failing = false;
    } catch (error) {
      // Once per outage: the readiness check reports Kafka itself.
      if (!this.failing) this.logger.warn(`cannot read consumer lag: ${errorText(error)}`);
      this.failing = true;
    }
  }

  private async read(): Promise<LagSnapshot | undefined> {
    const consumer = this.watch.consumer;
    if (!consumer) return undefined;
    const reader = new ConsumerLagReader(await this.admin.get());
    const lags = await reader.read(consumer.group, consumer.topics);
    const readAt = Date.now();
    const snapshot: LagSnapshot = {
      readAt,
      group: consumer.group,
      partitions: lags.map((lag) => this.timed(lag, readAt)),
      total: totalLag(lags),
    };
    this.latest = snapshot;
    this.snapshots.next(snapshot);
    return snapshot;
  }

  private timed(lag: PartitionLag, now: number): TimedPartitionLag {
    const key = `${lag.topic}\u0000${lag.partition}`;
    const estimator = this.estimators.get(key) ?? new AppendTimeEstimator();
    this.estimators.set(key, estimator);
    estimator.observe(lag.end, now);
    const position = nextToRead(lag);
    estimator.forgetBefore(position);
    const appendedAt = lag.lag > 0 ? estimator.appendedAt(position) : undefined;
    return { ...lag, lagSeconds: appendedAt === undefined ? 0 : Math.max(0, now - appendedAt) / 1000 };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
