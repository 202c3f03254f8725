import { OutputSettings } from '@pipeline/journey-domain';
import { RetryBackoffOptions } from '@pipeline/kafka';

/** What the batch use case needs from configuration, resolved once at boot. */
export interface ProcessorSettings {
  readonly maxFutureSkewMs: number;
  readonly recentEventIds: number;
  /** Compare-and-set retries of one customer within a batch before the batch is retried whole. */
  readonly maxCommitAttempts: number;
  readonly outputs: OutputSettings;
  readonly modelRefreshMs: number;
  readonly redisKeyPrefix: string;
  /** Most records one unit of work handles; the rest of the fetch waits for the next unit. */
  readonly unitMaxRecords: number;
  /** How a unit that keeps failing is taken apart to find the record that causes it. */
  readonly isolation: {
    /** Tries of a failure of unknown kind on the whole unit before it is split. */
    readonly unknownAttempts: number;
    /** Backoff between those tries. */
    readonly backoff: RetryBackoffOptions;
  };
}

export const PROCESSOR_SETTINGS = Symbol('PROCESSOR_SETTINGS');
