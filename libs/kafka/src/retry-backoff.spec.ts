import { retryDelayMs } from './retry-backoff';

describe(retryDelayMs.name, () => {
  const backoff = { initialMs: 200, maxMs: 5_000 };

  it('doubles from the initial delay', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, backoff))).toEqual([
      200, 400, 800, 1_600, 3_200,
    ]);
  });

  it('stays at the cap once reached', () => {
    expect(retryDelayMs(6, backoff)).toBe(5_000);
    expect(retryDelayMs(10_000, backoff)).toBe(5_000);
  });

  it('never decreases', () => {
    let previous = 0;
    for (let attempt = 1; attempt <= 100; attempt += 1) {
      const delay = retryDelayMs(attempt, backoff);
      expect(delay).toBeGreaterThanOrEqual(previous);
      previous = delay;
    }
  });

  it('rejects attempt numbers below 1', () => {
    expect(() => retryDelayMs(0, backoff)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5, backoff)).toThrow(RangeError);
  });
});
