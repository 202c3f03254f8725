import { churnRate, churnRateFromDaily } from './churn-rate';

describe(churnRate.name, () => {
  it('divides the customers lost by the average of the start and end counts', () => {
    // 10 / ((100 + 120) / 2) = 10 / 110
    expect(churnRate({ lost: 10, startCount: 100, endCount: 120 })).toBeCloseTo(9.0909, 4);
    expect(churnRate({ lost: 1, startCount: 1, endCount: 0 })).toBe(200);
  });

  it('has no rate when there were no customers at either end', () => {
    expect(churnRate({ lost: 0, startCount: 0, endCount: 0 })).toBeNull();
  });

  it('refuses a negative count', () => {
    expect(() => churnRate({ lost: -1, startCount: 1, endCount: 1 })).toThrow(RangeError);
  });
});

describe(churnRateFromDaily.name, () => {
  it('divides the customers lost by the mean daily count', () => {
    // 3 / ((10 + 20 + 30) / 3) = 3 / 20
    expect(churnRateFromDaily(3, [10, 20, 30])).toBe(15);
  });

  it('sees a peak within the period that start and end counts miss', () => {
    expect(churnRate({ lost: 4, startCount: 10, endCount: 10 })).toBe(40);
    expect(churnRateFromDaily(4, [10, 30, 30, 10])).toBe(20);
  });

  it('has no rate without counts or with only zero counts', () => {
    expect(churnRateFromDaily(0, [])).toBeNull();
    expect(churnRateFromDaily(0, [0, 0])).toBeNull();
  });
});
