import { InboundBatch, RetryBackoffOptions, retryDelayMs } from '@pipeline/kafka';
import { setTimeout as sleep } from 'node:timers/promises';

/** Longest sleep between two heartbeats while a unit waits. */
const HEARTBEAT_EVERY_MS = 1_000;

/**
 * Waits before try number `attempt` of a unit (2 for the first retry), with capped exponential
 * backoff, heartbeating meanwhile so the group keeps the member; returns early once the unit is stale.
 */
export async function pauseUnit(
  batches: readonly InboundBatch[],
  attempt: number,
  backoff: RetryBackoffOptions,
): Promise<void> {
  const deadline = Date.now() + retryDelayMs(attempt - 1, backoff);
  for (;;) {
    if (batches.some((batch) => batch.isStale())) return;
    await batches[0]?.heartbeat();
    const remaining = deadline - Date.now();
    if (remaining <= 0) return;
    await sleep(Math.min(remaining, HEARTBEAT_EVERY_MS));
  }
}
