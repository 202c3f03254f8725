/** First reconnection delay, in ms. */
export const RECONNECT_BASE_DELAY_MS = 100;
/** Longest reconnection delay, in ms: a Redis back from a restart is found within this. */
export const RECONNECT_MAX_DELAY_MS = 5000;

/**
 * Delay before reconnection attempt `attempt` (1-based): doubling from the base, capped, never giving
 * up. Never giving up is safe because commands do not wait for it: they fail after
 * `maxRetriesPerRequest` attempts or their command timeout, whichever comes first.
 */
export function reconnectDelay(attempt: number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 16);
  return Math.min(RECONNECT_BASE_DELAY_MS * 2 ** exponent, RECONNECT_MAX_DELAY_MS);
}
