import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import {
  BATCH_SECONDS_BUCKETS,
  BATCH_SIZE_BUCKETS,
  END_TO_END_SECONDS_BUCKETS,
  REDIS_SECONDS_BUCKETS,
} from './metric-buckets';
import { METRICS_REGISTRY } from './metrics-registry';

/** The input event a derived event follows from: its event time and when the broker appended it. */
export interface DerivedEventCause {
  /** The event's `occurredAt`, epoch ms. */
  readonly occurredAt: number;
  /** The record's Kafka timestamp (append time on LogAppendTime topics), epoch ms, if known. */
  readonly appendedAt?: number;
}

/** A derived event the broker acknowledged. */
export interface PublishedDerivedEvent {
  /** Logical topic it was published to. */
  readonly topic: string;
  readonly causedBy?: DerivedEventCause;
}

/** Measures one batch; `completed` is called once the batch's effects are durable. */
export interface BatchMeasurement {
  /** Records the batch's duration and size and counts its events, with one reason per dead letter. */
  completed(deadLetterReasons: readonly string[]): void;
  /** Counts an attempt that failed (the batch will be retried), by the error's class name. */
  failed(error: unknown): void;
}

/** Totals since the process started, for the ops snapshot. */
export interface PipelineTotals {
  readonly processed: Readonly<Record<string, number>>;
  readonly deadLettered: ReadonlyArray<{
    readonly topic: string;
    readonly reason: string;
    readonly count: number;
  }>;
  readonly derived: Readonly<Record<string, number>>;
}

/**
 * The pipeline's own Prometheus metrics, with one method per thing worth measuring, so the batch use
 * case reads as what it does. Counters count only batches that completed: a batch that fails and is
 * redelivered is counted once, when it finally succeeds. Its failed attempts are counted apart, so a
 * partition stuck on a batch that keeps failing shows up before its lag does.
 */
@Injectable()
export class PipelineMetrics {
  private readonly processed: Counter<'topic'>;
  private readonly deadLettered: Counter<'topic' | 'reason'>;
  private readonly dropped: Counter<'topic' | 'reason'>;
  private readonly derived: Counter<'topic'>;
  private readonly batchFailures: Counter<'topic' | 'error'>;
  private readonly unitSplits: Counter<'kind'>;
  private readonly blockedSince: Gauge<'topic' | 'partition'>;
  private readonly blockedPartitions = new Set<string>();
  private readonly batchSize: Histogram<'topic'>;
  private readonly batchSeconds: Histogram<'topic'>;
  private readonly redisScriptSeconds: Histogram;
  private readonly eventToDerivedSeconds: Histogram;
  private readonly appendToDerivedSeconds: Histogram;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.processed = new Counter({
      name: 'journey_events_processed_total',
      help: 'Stage events handled in completed batches (applied, duplicate or dead-lettered), by logical topic.',
      labelNames: ['topic'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'journey_events_dead_lettered_total',
      help: 'Stage events published to the dead-letter topic, by source topic and rejection code.',
      labelNames: ['topic', 'reason'],
      registers,
    });
    this.dropped = new Counter({
      name: 'journey_events_dropped_total',
      help: 'Valid events deliberately not applied (CUSTOMER_ERASED: their customer was erased), by logical topic and reason.',
      labelNames: ['topic', 'reason'],
      registers,
    });
    this.derived = new Counter({
      name: 'journey_derived_events_total',
      help: 'Derived events (stage changes, CLV, churn risk) acknowledged by the broker, by logical topic.',
      labelNames: ['topic'],
      registers,
    });
    this.batchFailures = new Counter({
      name: 'journey_batch_failures_total',
      help: 'Failed attempts at a batch, which is then retried from the same offsets, by logical topic and error class (UnreadableJourneyError, RedisBatchTimeoutError, a KafkaJS error...).',
      labelNames: ['topic', 'error'],
      registers,
    });
    this.unitSplits = new Counter({
      name: 'journey_unit_splits_total',
      help: 'Units of work split to isolate a record that fails on its own, by failure kind (deterministic, or unknown after its retries).',
      labelNames: ['kind'],
      registers,
    });
    this.blockedSince = new Gauge({
      name: 'journey_partition_blocked_since_seconds',
      help: 'Unix time since which a partition has been waiting on a failing unit of work (retried with backoff); 0 while it flows.',
      labelNames: ['topic', 'partition'],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'journey_batch_size',
      help: 'Records per completed batch.',
      labelNames: ['topic'],
      buckets: BATCH_SIZE_BUCKETS,
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'journey_batch_duration_seconds',
      help: 'Time to process one batch, from handler start to its effects being durable (offset commit excluded).',
      labelNames: ['topic'],
      buckets: BATCH_SECONDS_BUCKETS,
      registers,
    });
    this.redisScriptSeconds = new Histogram({
      name: 'journey_redis_script_duration_seconds',
      help: 'Latency of one pipelined round of compare-and-set journey scripts (commitMany).',
      buckets: REDIS_SECONDS_BUCKETS,
      registers,
    });
    this.eventToDerivedSeconds = new Histogram({
      name: 'journey_event_to_derived_seconds',
      help: "From the causing event's occurredAt to the derived event's publish acknowledgement.",
      buckets: END_TO_END_SECONDS_BUCKETS,
      registers,
    });
    this.appendToDerivedSeconds = new Histogram({
      name: 'journey_append_to_derived_seconds',
      help: "From the causing event's Kafka timestamp to the derived event's publish acknowledgement.",
      buckets: END_TO_END_SECONDS_BUCKETS,
      registers,
    });
  }

  /**
   * Runs the work of batches already started; when it throws, counts a failed attempt for each of
   * them before the error goes on to the transport, which retries.
   */
  async countingFailures<T>(measurements: readonly BatchMeasurement[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error: unknown) {
      for (const measurement of measurements) measurement.failed(error);
      throw error;
    }
  }

  /** Counts a unit of work split to isolate a failing record. */
  unitSplit(kind: string): void {
    this.unitSplits.inc({ kind });
  }

  /**
   * Tracks partitions held by a failing unit: a failed attempt marks each of its partitions blocked
   * since its first failure, a completed unit clears them. Ops alert on how long a partition waited.
   */
  async trackingBlocked<T>(
    partitions: ReadonlyArray<{ readonly topic: string; readonly partition: number }>,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      const result = await work();
      for (const { topic, partition } of partitions) {
        const key = `${topic}:${partition}`;
        if (this.blockedPartitions.delete(key))
          this.blockedSince.set({ topic, partition: String(partition) }, 0);
      }
      return result;
    } catch (error: unknown) {
      const now = Date.now();
      for (const { topic, partition } of partitions) {
        const key = `${topic}:${partition}`;
        if (this.blockedPartitions.has(key)) continue;
        this.blockedPartitions.add(key);
        this.blockedSince.set({ topic, partition: String(partition) }, now / 1000);
      }
      throw error;
    }
  }

  /** Starts measuring one batch of `size` records from logical `topic`. */
  batchStarted(topic: string, size: number): BatchMeasurement {
    const stopTimer = this.batchSeconds.startTimer({ topic });
    return {
      completed: (deadLetterReasons) => {
        stopTimer();
        this.batchSize.observe({ topic }, size);
        if (size > 0) this.processed.inc({ topic }, size);
        for (const reason of deadLetterReasons) this.deadLettered.inc({ topic, reason });
      },
      failed: (error) => {
        this.batchFailures.inc({ topic, error: errorClass(error) });
      },
    };
  }

  /**
   * Counts valid events of a completed batch that were deliberately not applied and not dead-lettered,
   * e.g. late events of an erased customer.
   */
  eventsDropped(topic: string, reason: string, count: number): void {
    if (count > 0) this.dropped.inc({ topic, reason }, count);
  }

  /** Times one pipelined commit of journeys to Redis, failed or not. */
  async timeRedisCommit<T>(commit: () => Promise<T>): Promise<T> {
    const stopTimer = this.redisScriptSeconds.startTimer();
    try {
      return await commit();
    } finally {
      stopTimer();
    }
  }

  /** Counts derived events just acknowledged and how long after their causing event they left. */
  derivedPublished(events: readonly PublishedDerivedEvent[], publishedAt: number = Date.now()): void {
    for (const { topic, causedBy } of events) {
      this.derived.inc({ topic });
      if (!causedBy) continue;
      this.eventToDerivedSeconds.observe(Math.max(0, publishedAt - causedBy.occurredAt) / 1000);
      const appended = causedBy.appendedAt;
      if (appended !== undefined && Number.isFinite(appended)) {
        this.appendToDerivedSeconds.observe(Math.max(0, publishedAt - appended) / 1000);
      }
    }
  }

  /** Counter values since the process started. */
  async totals(): Promise<PipelineTotals> {
    const [processed, deadLettered, derived] = await Promise.all([
      this.processed.get(),
      this.deadLettered.get(),
      this.derived.get(),
    ]);
    return {
      processed: Object.fromEntries(processed.values.map((v) => [String(v.labels.topic), v.value])),
      deadLettered: deadLettered.values.map((v) => ({
        topic: String(v.labels.topic),
        reason: String(v.labels.reason),
        count: v.value,
      })),
      derived: Object.fromEntries(derived.values.map((v) => [String(v.labels.topic), v.value])),
    };
  }
}

/** A bounded label for an error: its class name, never its message (which may carry ids). */
function errorClass(error: unknown): string {
  return error instanceof Error && /^\w{1,64}$/.test(error.name) ? error.name : 'unknown';
}
