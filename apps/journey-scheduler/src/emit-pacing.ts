/**
 * How long to wait before the next chunk so that `done` customers over `elapsedMs` stay within
 * `perSecond`: the schedule says customer n may start at n / perSecond seconds. A chunk that ran slow
 * is not made up for by a burst, and a fast one waits out its share.
 */
export function pacingDelayMs(done: number, elapsedMs: number, perSecond: number): number {
  if (!(perSecond > 0)) throw new RangeError(`perSecond must be positive, got ${perSecond}`);
  return Math.max(0, Math.ceil((done * 1000) / perSecond - elapsedMs));
}

/**
 * Customers per chunk: a tenth of a second's worth, so pauses are short and even, between 1 and
 * `max` (a Redis round trip's worth).
 */
export function pacedChunkSize(perSecond: number, max: number): number {
  return Math.max(1, Math.min(max, Math.ceil(perSecond / 10)));
}
