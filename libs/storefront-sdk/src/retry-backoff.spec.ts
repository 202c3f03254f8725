import { backoffDelayMs } from './retry-backoff';

const policy = { retries: 10, initialBackoffMs: 100, maxBackoffMs: 1_000 };

describe(backoffDelayMs.name, () => {
  it('doubles from the initial delay up to the cap', () => {
    const top = (attempt: number): number => backoffDelayMs(attempt, policy, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters into the upper half of each step', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(200);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(300);
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelayMs(2, policy);
      expect(delay).toBeGreaterThanOrEqual(100);
      expect(delay).toBeLessThanOrEqual(200);
    }
  });

  it('stays finite on very long outages', () => {
    expect(backoffDelayMs(10_000, policy, () => 1)).toBe(1_000);
  });

  it.each([0, -1, 1.5])('refuses attempt %p', (attempt) => {
    expect(() => backoffDelayMs(attempt, policy)).toThrow(RangeError);
  });
});
