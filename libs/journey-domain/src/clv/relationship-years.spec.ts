import { DEFAULT_RELATIONSHIP_BOUNDS, relationshipYearsFromChurn } from './relationship-years';

describe(relationshipYearsFromChurn.name, () => {
  const bounds = { min: 1, max: 8, fallback: 3 };

  it('expects a relationship of 1 / churn years', () => {
    expect(relationshipYearsFromChurn(0.25, bounds)).toBe(4);
    expect(relationshipYearsFromChurn(0.2, bounds)).toBeCloseTo(5, 12);
  });

  it('clamps very high and very low churn to the bounds', () => {
    expect(relationshipYearsFromChurn(3, bounds)).toBe(1);
    expect(relationshipYearsFromChurn(0.01, bounds)).toBe(8);
  });

  it('reads no observed churn as the longest relationship, not an infinite one', () => {
    expect(relationshipYearsFromChurn(0, bounds)).toBe(8);
  });

  it('falls back while the churn rate is unknown', () => {
    expect(relationshipYearsFromChurn(undefined, bounds)).toBe(3);
    expect(relationshipYearsFromChurn(Number.NaN, bounds)).toBe(3);
    expect(relationshipYearsFromChurn(undefined)).toBe(DEFAULT_RELATIONSHIP_BOUNDS.fallback);
  });

  it('refuses a negative churn rate and bounds that contradict each other', () => {
    expect(() => relationshipYearsFromChurn(-0.1, bounds)).toThrow(RangeError);
    expect(() => relationshipYearsFromChurn(0.5, { min: 5, max: 2, fallback: 3 })).toThrow(RangeError);
  });
});
