import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelayMs, type RetryPolicy } from './retry-backoff';
import { TrackSendError } from './track-send.error';

export interface SendWithRetryHooks {
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly random?: () => number;
}

/**
 * kafkajs marks errors that no retry can fix (authorisation, a record too large) `retriable: false`.
 * Its own retry wrapper (`KafkaJSNumberOfRetriesExceeded`) is always non-retriable, so judge the cause.
 */
export function isRetriable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current.name !== 'KafkaJSNumberOfRetriesExceeded') {
      return (current as { retriable?: unknown }).retriable !== false;
    }
    current = current.cause;
  }
  return true;
}

/**
 * Runs `send` until it succeeds, a non-retriable error occurs or the retries are spent, waiting an
 * exponentially growing, jittered delay in between. Rejects with `TrackSendError` carrying the last
 * error. The caller must resend the same records in the same order: the idempotent producer then
 * reuses their sequence numbers and the broker drops any copy that did land.
 */
export async function sendWithRetry(
  send: () => Promise<void>,
  policy: RetryPolicy,
  hooks: SendWithRetryHooks = {},
): Promise<void> {
  const wait = hooks.sleep ?? sleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await send();
      return;
    } catch (error) {
      if (attempt > policy.retries || !isRetriable(error)) throw new TrackSendError(attempt, error);
      await wait(backoffDelayMs(attempt, policy, hooks.random));
    }
  }
}
