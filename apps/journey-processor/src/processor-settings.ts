import { Money } from '@pipeline/contracts';

/** What the batch use case needs from configuration, resolved once at boot. */
export interface ProcessorSettings {
  readonly maxFutureSkewMs: number;
  readonly recentEventIds: number;
  readonly defaultAcquisitionCost?: Money;
  /** Compare-and-set retries of one customer within a batch before the batch is retried whole. */
  readonly maxCommitAttempts: number;
}

export const PROCESSOR_SETTINGS = Symbol('PROCESSOR_SETTINGS');
