import { OutputSettings } from '@pipeline/journey-domain';

/** What the batch use case needs from configuration, resolved once at boot. */
export interface ProcessorSettings {
  readonly maxFutureSkewMs: number;
  readonly recentEventIds: number;
  /** Compare-and-set retries of one customer within a batch before the batch is retried whole. */
  readonly maxCommitAttempts: number;
  readonly outputs: OutputSettings;
  readonly modelRefreshMs: number;
  readonly redisKeyPrefix: string;
}

export const PROCESSOR_SETTINGS = Symbol('PROCESSOR_SETTINGS');
