/** Exponential backoff between retries of a failed batch. */
export interface RetryBackoffOptions {
  /** Delay before the first retry, in milliseconds. */
  readonly initialMs: number;
  /** The delay never grows past this, in milliseconds. */
  readonly maxMs: number;
}

/**
 * Milliseconds to wait before retry number `attempt` (1 for the first retry): initial * 2^(attempt-1),
 * capped at max. No jitter: one consumer retries one partition, so there is no herd to spread.
 */
export function retryDelayMs(attempt: number, { initialMs, maxMs }: RetryBackoffOptions): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`retry attempt must be a positive integer, got ${attempt}`);
  }
  // Cap the exponent so the power never overflows to Infinity on very long outages.
  const exponent = Math.min(attempt - 1, 30);
  return Math.min(initialMs * 2 ** exponent, maxMs);
}
