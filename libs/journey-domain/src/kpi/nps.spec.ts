import { netPromoterScore, npsCategoryOf } from './nps';

describe(npsCategoryOf.name, () => {
  it('splits the 0-10 scale at 6/7 and 8/9', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategoryOf)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('refuses anything but an integer from 0 to 10', () => {
    for (const score of [-1, 11, 7.5, Number.NaN]) expect(() => npsCategoryOf(score)).toThrow(RangeError);
  });
});

describe(netPromoterScore.name, () => {
  it('has no score and zero counts without answers', () => {
    expect(netPromoterScore([])).toEqual({
      respondents: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      fraction: null,
      exact: null,
      nps: null,
    });
  });

  it('subtracts the share of detractors from the share of promoters', () => {
    // promoters 10, 9, 9, 10, 9 (50%); passives 8, 7; detractors 6, 0, 3 (30%)
    expect(netPromoterScore([10, 9, 9, 8, 7, 6, 0, 3, 10, 9])).toEqual({
      respondents: 10,
      promoters: 5,
      passives: 2,
      detractors: 3,
      fraction: { numerator: 2, denominator: 10 },
      exact: 20,
      nps: 20,
    });
  });

  it('scores a single promoter 100 and all detractors -100', () => {
    expect(netPromoterScore([9]).nps).toBe(100);
    expect(netPromoterScore([0, 6, 3])).toMatchObject({ detractors: 3, exact: -100, nps: -100 });
  });

  it('scores exactly 0, not -0, when promoters and detractors balance', () => {
    const result = netPromoterScore([10, 0, 7, 8]);
    expect(result.fraction).toEqual({ numerator: 0, denominator: 4 });
    expect(Object.is(result.nps, 0)).toBe(true);
    expect(Object.is(result.exact, 0)).toBe(true);
  });

  it('keeps the exact fraction and rounds halves away from zero either way', () => {
    const thirds = netPromoterScore([9, 9, 0]);
    expect(thirds.fraction).toEqual({ numerator: 1, denominator: 3 });
    expect(thirds.exact).toBeCloseTo(33.3333, 4);
    expect(thirds.nps).toBe(33);
    const eighth = [7, 7, 7, 7, 7, 7, 7];
    expect(netPromoterScore([9, ...eighth])).toMatchObject({ exact: 12.5, nps: 13 });
    expect(netPromoterScore([0, ...eighth])).toMatchObject({ exact: -12.5, nps: -13 });
  });
});
