/** How failed sends are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (so `retries + 1` attempts in all). */
  readonly retries: number;
  /** Delay before the first retry, in milliseconds. */
  readonly initialBackoffMs: number;
  /** The delay never grows past this, in milliseconds. */
  readonly maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 5, initialBackoffMs: 200, maxBackoffMs: 5_000 };

/**
 * Milliseconds to wait before retry number `attempt` (1 for the first): initial * 2^(attempt-1), capped
 * at max, then jittered into its upper half ("equal jitter"). Many storefront processes lose the same
 * broker at once; the jitter spreads their retries while each delay still grows.
 */
export function backoffDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`retry attempt must be a positive integer, got ${attempt}`);
  }
  // Cap the exponent so the power never overflows to Infinity.
  const ceiling = Math.min(policy.initialBackoffMs * 2 ** Math.min(attempt - 1, 30), policy.maxBackoffMs);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
