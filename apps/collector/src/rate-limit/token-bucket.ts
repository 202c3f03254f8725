export type TakeResult = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/**
 * A token bucket: holds up to `capacity` tokens, refills `capacity` tokens per `periodMs`, starts
 * full. Time comes in as an argument, so the maths are testable and monotonic clocks can be used.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    private readonly periodMs: number,
    now: number,
  ) {
    if (!(capacity > 0) || !(periodMs > 0)) throw new RangeError('capacity and period must be positive');
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /**
   * Takes `cost` tokens if there are that many; otherwise takes none and says how long until there
   * will be. A cost above the capacity can never be paid: `retryAfterMs` is Infinity.
   */
  take(cost: number, now: number): TakeResult {
    this.refill(now);
    if (cost <= this.tokens) {
      this.tokens -= cost;
      return { ok: true };
    }
    if (cost > this.capacity) return { ok: false, retryAfterMs: Number.POSITIVE_INFINITY };
    return { ok: false, retryAfterMs: Math.ceil(((cost - this.tokens) * this.periodMs) / this.capacity) };
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.capacity) / this.periodMs);
    this.updatedAt = Math.max(this.updatedAt, now);
  }
}
