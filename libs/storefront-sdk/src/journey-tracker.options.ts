import type { Kafka } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import { uuidV4EventId, type EventIdGenerator } from './event-id';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-backoff';

/** SASL credentials (the same shape the pipeline's own services take). The password is never logged. */
export interface SaslCredentials {
  readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  readonly username: string;
  readonly password: string;
}

/** Where the tracker sends kafkajs's warnings and errors; by default kafkajs logs errors to the console. */
export interface TrackerLogger {
  warn(message: string): void;
  error(message: string): void;
}

/** Connect with brokers: the tracker builds its own kafkajs client. */
export interface BrokerConnection {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly sasl?: SaslCredentials;
  /** `true` for TLS with the system CAs, or Node TLS options (CA, client certificate). */
  readonly ssl?: boolean | ConnectionOptions;
  readonly kafka?: never;
}

/** Or hand over a kafkajs client you configured; the tracker makes its own producer from it. */
export interface ClientConnection {
  readonly kafka: Kafka;
  readonly brokers?: never;
  readonly clientId?: never;
  readonly sasl?: never;
  readonly ssl?: never;
}

export interface TrackerTuning {
  /** Prepended to every topic name (default ''); tests use a unique one. */
  readonly topicPrefix?: string;
  /** Events held at most, queued or in flight (default 10000). */
  readonly maxBufferedEvents?: number;
  /** How long `track` waits for room in a full buffer before it rejects with BufferFullError (default 10000). */
  readonly bufferTimeoutMs?: number;
  /** How long a batch may wait for more events before it is sent (default 50). */
  readonly lingerMs?: number;
  /** Events per produce request at most (default 500). */
  readonly maxBatchSize?: number;
  /**
   * Bytes per produce request at most (default 512 KiB), below the broker's message.max.bytes
   * (1 MiB by default); one larger event travels alone.
   */
  readonly maxBatchBytes?: number;
  /** Retries of a failed send (default 5 retries, 200 ms doubling up to 5 s, jittered). */
  readonly retry?: Partial<RetryPolicy>;
  /** eventIds for events that come without one (default: UUID v4). */
  readonly generateEventId?: EventIdGenerator;
  readonly logger?: TrackerLogger;
}

/** Options of `new JourneyTracker(...)`. */
export type JourneyTrackerOptions = (BrokerConnection | ClientConnection) & TrackerTuning;

/** Tuning with every default applied and checked. */
export interface ResolvedTuning {
  readonly topicPrefix: string;
  readonly maxBufferedEvents: number;
  readonly bufferTimeoutMs: number;
  readonly lingerMs: number;
  readonly maxBatchSize: number;
  readonly maxBatchBytes: number;
  readonly retry: RetryPolicy;
  readonly generateEventId: EventIdGenerator;
}

function checked(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`JourneyTracker option ${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

/** Applies the defaults and throws a RangeError naming the first unusable option. */
export function resolveTuning(options: TrackerTuning): ResolvedTuning {
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const topicPrefix = options.topicPrefix ?? '';
  if (!/^[A-Za-z0-9._-]*$/.test(topicPrefix)) {
    throw new RangeError(`JourneyTracker option topicPrefix may hold only letters, digits, '.', '_' and '-'`);
  }
  return {
    topicPrefix,
    maxBufferedEvents: checked('maxBufferedEvents', options.maxBufferedEvents ?? 10_000, 1),
    bufferTimeoutMs: checked('bufferTimeoutMs', options.bufferTimeoutMs ?? 10_000, 0),
    lingerMs: checked('lingerMs', options.lingerMs ?? 50, 0),
    maxBatchSize: checked('maxBatchSize', options.maxBatchSize ?? 500, 1),
    maxBatchBytes: checked('maxBatchBytes', options.maxBatchBytes ?? 512 * 1024, 1),
    retry: {
      retries: checked('retry.retries', retry.retries, 0),
      initialBackoffMs: checked('retry.initialBackoffMs', retry.initialBackoffMs, 1),
      maxBackoffMs: checked('retry.maxBackoffMs', retry.maxBackoffMs, 1),
    },
    generateEventId: options.generateEventId ?? uuidV4EventId,
  };
}
