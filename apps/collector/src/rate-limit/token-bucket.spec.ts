import { TokenBucket } from './token-bucket';

const MINUTE = 60_000;

describe(TokenBucket.name, () => {
  it('lets a full burst through, then refuses until tokens have refilled', () => {
    const bucket = new TokenBucket(3, MINUTE, 0);
    expect([1, 2, 3].map(() => bucket.take(1, 0).ok)).toEqual([true, true, true]);
    expect(bucket.take(1, 0)).toEqual({ ok: false, retryAfterMs: 20_000 });
    expect(bucket.take(1, 19_999).ok).toBe(false);
    expect(bucket.take(1, 20_000).ok).toBe(true);
  });

  it('charges a batch its number of events', () => {
    const bucket = new TokenBucket(600, MINUTE, 0);
    expect(bucket.take(500, 0).ok).toBe(true);
    expect(bucket.take(500, 0)).toEqual({ ok: false, retryAfterMs: 40_000 });
  });

  it('never holds more than its capacity however long it idles', () => {
    const bucket = new TokenBucket(2, MINUTE, 0);
    expect(bucket.take(2, 10 * MINUTE).ok).toBe(true);
    expect(bucket.take(1, 10 * MINUTE).ok).toBe(false);
  });

  it('says a cost above the capacity can never be paid', () => {
    expect(new TokenBucket(10, MINUTE, 0).take(11, 0)).toEqual({ ok: false, retryAfterMs: Infinity });
  });

  it('ignores a clock that steps back', () => {
    const bucket = new TokenBucket(1, MINUTE, 1_000);
    expect(bucket.take(1, 1_000).ok).toBe(true);
    expect(bucket.take(1, 0).ok).toBe(false);
    expect(bucket.take(1, 61_000).ok).toBe(true);
  });
});
