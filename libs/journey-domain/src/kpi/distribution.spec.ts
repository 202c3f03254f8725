import { distribution, nearestRank } from './distribution';

describe(distribution.name, () => {
  it('summarises no values with empty bins and no quantiles', () => {
    expect(distribution([], [0, 100])).toEqual({
      count: 0,
      min: null,
      max: null,
      mean: null,
      quantiles: null,
      histogram: [
        { from: null, to: 0, count: 0 },
        { from: 0, to: 100, count: 0 },
        { from: 100, to: null, count: 0 },
      ],
    });
  });

  it('takes nearest-rank quantiles and bins values with their lower edge', () => {
    // ranks ceil(p x 10 / 100): p10 1st, p25 3rd, p50 5th, p75 8th, p90 9th
    expect(distribution([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], [0, 5, 10])).toEqual({
      count: 10,
      min: 1,
      max: 10,
      mean: 5.5,
      quantiles: { p10: 1, p25: 3, p50: 5, p75: 8, p90: 9 },
      histogram: [
        { from: null, to: 0, count: 0 },
        { from: 0, to: 5, count: 4 },
        { from: 5, to: 10, count: 5 },
        { from: 10, to: null, count: 1 },
      ],
    });
  });

  it('gives a single value as every quantile', () => {
    expect(distribution([-42], []).quantiles).toEqual({ p10: -42, p25: -42, p50: -42, p75: -42, p90: -42 });
    expect(distribution([-42], []).histogram).toEqual([{ from: null, to: null, count: 1 }]);
  });

  it('refuses non-finite values and edges that are not strictly ascending', () => {
    expect(() => distribution([Number.NaN], [])).toThrow(RangeError);
    expect(() => distribution([1], [5, 5])).toThrow(RangeError);
    expect(() => distribution([1], [5, Infinity])).toThrow(RangeError);
  });
});

describe(nearestRank.name, () => {
  it('picks the 7th of 10 values for p70, where 0.7 x 10 in floating point would round up to the 8th', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 70)).toBe(7);
    expect(nearestRank([1, 2, 3, 4], 100)).toBe(4);
  });

  it('refuses a percentile outside (0, 100] and an empty set', () => {
    expect(() => nearestRank([1], 0)).toThrow(RangeError);
    expect(() => nearestRank([], 50)).toThrow(RangeError);
  });
});
