import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `probe` every `everyMs` until `done` accepts its result, and returns that result; after
 * `timeoutMs` it throws with the last result, so a failure shows what was seen.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 30_000, everyMs = 250, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      lastError = undefined;
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await sleep(everyMs);
  }
  const seen =
    lastError === undefined
      ? JSON.stringify(last)?.slice(0, 2_000)
      : lastError instanceof Error
        ? lastError.message
        : JSON.stringify(lastError);
  throw new Error(`${what} not reached within ${timeoutMs} ms; last seen: ${seen}`);
}
