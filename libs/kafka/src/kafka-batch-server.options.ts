import type { KafkaConnectionOptions } from './kafka-connection-options';
import type { RetryBackoffOptions } from './retry-backoff';

/** Options of `KafkaBatchServer`; durations in milliseconds. */
export interface KafkaBatchServerOptions {
  readonly connection: KafkaConnectionOptions;
  /** The consumer group id, used exactly as given. */
  readonly groupId: string;
  /** Logical topics to subscribe; each needs an `@EventPattern` handler. */
  readonly topics: readonly string[];
  /** Prepended to every logical topic (default ''). */
  readonly topicPrefix?: string;
  /** Where a group without a committed offset starts (default false: the end). */
  readonly fromBeginning?: boolean;
  /** Default 30000. */
  readonly sessionTimeout?: number;
  /** Default 3000; also the longest sleep between heartbeats while a batch waits to be retried. */
  readonly heartbeatInterval?: number;
  /** Default 1048576. */
  readonly maxBytesPerPartition?: number;
  /**
   * Most bytes one fetch returns over all partitions (default 10485760, kafkajs's). With
   * `gatherBatches` this bounds a unit of work: smaller units keep their garbage young.
   */
  readonly maxBytes?: number;
  /** How long a fetch waits for data on an idle partition; bounds shutdown latency (default 1000). */
  readonly maxWaitTimeInMs?: number;
  /** Default 1: one partition's batch at a time. */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * Default false: a handler gets one `InboundBatch` per call. True: the batches handed out together
   * (up to `partitionsConsumedConcurrently` of one fetch) are gathered per handler and the handler gets
   * them as one `readonly InboundBatch[]`; their offsets are committed together in one request once it
   * succeeds, and a failure retries them together. Fewer, larger units of work: one round trip to each
   * store per fetch instead of per partition.
   */
  readonly gatherBatches?: boolean;
  /** Backoff between retries of a failed batch (default 200 ms doubling to 30 s). */
  readonly retryBackoff?: RetryBackoffOptions;
}

/** `KafkaBatchServerOptions` with defaults applied. */
export type ResolvedKafkaBatchServerOptions = Required<KafkaBatchServerOptions>;

/** Applies defaults and rejects options that cannot work, naming the option. */
export function resolveKafkaBatchServerOptions(
  options: KafkaBatchServerOptions,
): ResolvedKafkaBatchServerOptions {
  const resolved: ResolvedKafkaBatchServerOptions = {
    connection: options.connection,
    groupId: options.groupId,
    topics: options.topics,
    topicPrefix: options.topicPrefix ?? '',
    fromBeginning: options.fromBeginning ?? false,
    sessionTimeout: options.sessionTimeout ?? 30_000,
    heartbeatInterval: options.heartbeatInterval ?? 3_000,
    maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
    maxBytes: options.maxBytes ?? 10_485_760,
    maxWaitTimeInMs: options.maxWaitTimeInMs ?? 1_000,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    gatherBatches: options.gatherBatches ?? false,
    retryBackoff: options.retryBackoff ?? { initialMs: 200, maxMs: 30_000 },
  };
  if (resolved.groupId.trim() === '') throw new Error('KafkaBatchServerOptions.groupId is empty');
  if (resolved.topics.length === 0) throw new Error('KafkaBatchServerOptions.topics is empty');
  const { initialMs, maxMs } = resolved.retryBackoff;
  if (!(initialMs > 0) || !(maxMs >= initialMs)) {
    throw new Error(
      `KafkaBatchServerOptions.retryBackoff needs 0 < initialMs <= maxMs, got ${initialMs}/${maxMs}`,
    );
  }
  if (
    !Number.isInteger(resolved.partitionsConsumedConcurrently) ||
    resolved.partitionsConsumedConcurrently < 1
  ) {
    throw new Error('KafkaBatchServerOptions.partitionsConsumedConcurrently must be an integer >= 1');
  }
  if (!(resolved.heartbeatInterval > 0 && resolved.heartbeatInterval < resolved.sessionTimeout)) {
    throw new Error('KafkaBatchServerOptions.heartbeatInterval must be > 0 and < sessionTimeout');
  }
  return resolved;
}
