import { ratesBetween } from './rates';

describe(ratesBetween.name, () => {
  it('turns cumulative counts into per-second rates stamped at the later point', () => {
    expect(
      ratesBetween([
        { at: 0, total: 0 },
        { at: 2_000, total: 100 },
        { at: 4_000, total: 100 },
      ]),
    ).toEqual([
      { at: 2_000, perSecond: 50 },
      { at: 4_000, perSecond: 0 },
    ]);
  });

  it('reads a counter that went down (a restart) as no progress, and skips duplicate times', () => {
    expect(
      ratesBetween([
        { at: 0, total: 10 },
        { at: 0, total: 12 },
        { at: 1_000, total: 3 },
      ]),
    ).toEqual([{ at: 1_000, perSecond: 0 }]);
  });

  it('has no rate for fewer than two points', () => {
    expect(ratesBetween([{ at: 1, total: 1 }])).toEqual([]);
  });
});
