import { DEFAULT_MIN_TENURE_MS, annualRevenueMinor, simpleClv, simpleClvMinor } from './simple-clv';
import { DAY_MS, MEAN_YEAR_MS } from './time-unit';

const T0 = Date.UTC(2026, 0, 1);

describe(simpleClvMinor.name, () => {
  it('is annual revenue x years - acquisition cost: 500 a year for 10 years less 1000 is 4000', () => {
    expect(
      simpleClvMinor({ annualRevenueMinor: 50_000, relationshipYears: 10, acquisitionCostMinor: 100_000 }),
    ).toBe(400_000);
  });

  it('takes fractional years and annual revenue and rounds once, half away from zero', () => {
    expect(
      simpleClvMinor({ annualRevenueMinor: 333.25, relationshipYears: 2.5, acquisitionCostMinor: 0 }),
    ).toBe(833);
    expect(simpleClvMinor({ annualRevenueMinor: 0.5, relationshipYears: 1, acquisitionCostMinor: 0 })).toBe(
      1,
    );
    expect(simpleClvMinor({ annualRevenueMinor: 0.5, relationshipYears: 1, acquisitionCostMinor: 1 })).toBe(
      -1,
    );
  });

  it('goes negative when acquisition cost more than the customer brings in', () => {
    expect(
      simpleClvMinor({ annualRevenueMinor: 10_000, relationshipYears: 2, acquisitionCostMinor: 50_000 }),
    ).toBe(-30_000);
  });

  it('refuses fractional or negative acquisition costs and negative years', () => {
    expect(() =>
      simpleClvMinor({ annualRevenueMinor: 1, relationshipYears: 1, acquisitionCostMinor: 1.5 }),
    ).toThrow(RangeError);
    expect(() =>
      simpleClvMinor({ annualRevenueMinor: 1, relationshipYears: 1, acquisitionCostMinor: -1 }),
    ).toThrow(RangeError);
    expect(() =>
      simpleClvMinor({ annualRevenueMinor: 1, relationshipYears: -1, acquisitionCostMinor: 0 }),
    ).toThrow(RangeError);
  });
});

describe(annualRevenueMinor.name, () => {
  it('scales revenue over a tenure of half a year to a full year', () => {
    expect(annualRevenueMinor(10_000, T0, T0 + MEAN_YEAR_MS / 2)).toBeCloseTo(20_000, 9);
  });

  it("spreads a new customer's revenue over the 30-day floor instead of multiplying a day by 365", () => {
    const oneDayOld = annualRevenueMinor(5_000, T0, T0 + DAY_MS);
    expect(oneDayOld).toBeCloseTo((5_000 * MEAN_YEAR_MS) / DEFAULT_MIN_TENURE_MS, 9);
    expect(oneDayOld).toBeLessThan(5_000 * 13);
    expect(annualRevenueMinor(5_000, T0, T0 + 29 * DAY_MS)).toBe(oneDayOld);
    expect(annualRevenueMinor(5_000, T0, T0 + 31 * DAY_MS)).toBeLessThan(oneDayOld);
  });

  it('takes another floor when given one', () => {
    expect(annualRevenueMinor(5_000, T0, T0 + DAY_MS, 90 * DAY_MS)).toBeCloseTo(
      (5_000 * MEAN_YEAR_MS) / (90 * DAY_MS),
      9,
    );
  });
});

describe(simpleClv.name, () => {
  it('annualises the revenue to date and applies the textbook formula to it', () => {
    const result = simpleClv({
      netRevenueMinor: 100_000,
      firstPurchaseAt: T0,
      now: T0 + 2 * MEAN_YEAR_MS,
      relationshipYears: 10,
      acquisitionCostMinor: 100_000,
    });
    expect(result).toEqual({
      valueMinor: 400_000,
      annualRevenueMinor: 50_000,
      tenureYears: 2,
      relationshipYears: 10,
      acquisitionCostMinor: 100_000,
    });
  });

  it('rounds the value from the unrounded annual revenue, not from the displayed one', () => {
    const result = simpleClv({
      netRevenueMinor: 1,
      firstPurchaseAt: T0,
      now: T0 + 3 * MEAN_YEAR_MS,
      relationshipYears: 9,
      acquisitionCostMinor: 0,
    });
    // 1/3 a year shows as 0, but nine years of it are 3.
    expect(result.annualRevenueMinor).toBe(0);
    expect(result.valueMinor).toBe(3);
  });

  it('reports the floored tenure for a customer younger than the floor', () => {
    const result = simpleClv({
      netRevenueMinor: 3_000,
      firstPurchaseAt: T0,
      now: T0 + 2 * DAY_MS,
      relationshipYears: 1,
      acquisitionCostMinor: 0,
    });
    expect(result.tenureYears).toBeCloseTo(DEFAULT_MIN_TENURE_MS / MEAN_YEAR_MS, 12);
  });

  it('carries refunds that exceed orders into a negative value', () => {
    const result = simpleClv({
      netRevenueMinor: -2_000,
      firstPurchaseAt: T0,
      now: T0 + MEAN_YEAR_MS,
      relationshipYears: 3,
      acquisitionCostMinor: 500,
    });
    expect(result.valueMinor).toBe(-6_500);
  });
});
