import { retentionRate } from './retention-rate';

describe(retentionRate.name, () => {
  it('divides the customers kept, E - N, by the customers at the start', () => {
    // (90 - 20) / 100
    expect(retentionRate({ startCount: 100, endCount: 90, acquired: 20 })).toEqual({
      percent: 70,
      retained: 70,
      clamped: null,
    });
  });

  it('has no rate without customers at the start', () => {
    expect(retentionRate({ startCount: 0, endCount: 5, acquired: 5 }).percent).toBeNull();
  });

  it('retains a single customer who stays at 100%', () => {
    expect(retentionRate({ startCount: 1, endCount: 1, acquired: 0 }).percent).toBe(100);
  });

  it('clamps and flags E - N below zero, which consistent counts never give', () => {
    expect(retentionRate({ startCount: 10, endCount: 3, acquired: 5 })).toEqual({
      percent: 0,
      retained: -2,
      clamped: 'retained-below-zero',
    });
  });

  it('clamps and flags E - N above S, which reactivated customers cause', () => {
    expect(retentionRate({ startCount: 2, endCount: 4, acquired: 1 })).toEqual({
      percent: 100,
      retained: 3,
      clamped: 'retained-above-start',
    });
  });

  it('refuses counts that are negative or fractional', () => {
    expect(() => retentionRate({ startCount: -1, endCount: 0, acquired: 0 })).toThrow(RangeError);
    expect(() => retentionRate({ startCount: 1, endCount: 0.5, acquired: 0 })).toThrow(RangeError);
  });
});
