import { BgNbdParams, conditionalExpectedPurchases, probabilityAlive } from './bg-nbd';
import { conditionalExpectedSpend } from './gamma-gamma';
import { ClvModels, predictiveClv } from './predictive-clv';
import { seededUniform } from './seeded-uniform';
import { generateSyntheticCustomers, summarizeSynthetic } from './synthetic-customers';
import { DAY_MS, MEAN_MONTH_MS } from './time-unit';

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const SPEND = { p: 6, q: 4, v: 1500 };
const WEEKLY: ClvModels = { unit: 'week', bgNbd: CDNOW, gammaGamma: SPEND, fallbackSpendMinor: 2500 };
const MONTH_IN_WEEKS = MEAN_MONTH_MS / (7 * DAY_MS);
const CUSTOMER = { frequency: 4, recency: 25, age: 38, monetaryMinor: 4200 };

describe(predictiveClv.name, () => {
  it('is expected purchases x expected spend when nothing is discounted', () => {
    const result = predictiveClv(CUSTOMER, WEEKLY, { annualDiscountRate: 0 });
    const purchases = conditionalExpectedPurchases(CDNOW, 12 * MONTH_IN_WEEKS, 4, 25, 38);
    const spend = conditionalExpectedSpend(SPEND, 4, 4200)!;
    expect(result.expectedPurchases).toBeCloseTo(purchases, 12);
    expect(result.valueMinor).toBe(Math.round(purchases * spend));
    expect(result.expectedSpendMinor).toBe(Math.round(spend));
    expect(result.probabilityAlive).toBe(probabilityAlive(CDNOW, 4, 25, 38));
  });

  it('falls as the discount rate rises, but less than discounting the whole year at once', () => {
    const undiscounted = predictiveClv(CUSTOMER, WEEKLY, { annualDiscountRate: 0 }).valueMinor;
    const at10 = predictiveClv(CUSTOMER, WEEKLY).valueMinor;
    const at30 = predictiveClv(CUSTOMER, WEEKLY, { annualDiscountRate: 0.3 }).valueMinor;
    expect(at10).toBeLessThan(undiscounted);
    expect(at30).toBeLessThan(at10);
    expect(at10).toBeGreaterThan(undiscounted / 1.1);
  });

  it('grows with the horizon', () => {
    const values = [1, 6, 12, 36].map(
      (horizonMonths) => predictiveClv(CUSTOMER, WEEKLY, { horizonMonths }).valueMinor,
    );
    values.slice(1).forEach((value, i) => expect(value).toBeGreaterThan(values[i]));
  });

  it('gives the same value whether the models run in weeks or in days', () => {
    const daily: ClvModels = { ...WEEKLY, unit: 'day', bgNbd: { ...CDNOW, alpha: CDNOW.alpha * 7 } };
    const inDays = { ...CUSTOMER, recency: CUSTOMER.recency * 7, age: CUSTOMER.age * 7 };
    expect(
      Math.abs(predictiveClv(inDays, daily).valueMinor - predictiveClv(CUSTOMER, WEEKLY).valueMinor),
    ).toBeLessThanOrEqual(1);
  });

  it('prices a customer without repeat purchases at the fallback spend when q <= 1', () => {
    const models = { ...WEEKLY, gammaGamma: { ...SPEND, q: 0.8 } };
    expect(
      predictiveClv({ frequency: 0, recency: 0, age: 10, monetaryMinor: 0 }, models).expectedSpendMinor,
    ).toBe(2500);
  });

  it('forecasts the holdout spend of a simulated population from its calibration histories', () => {
    // Simulate 39 weeks of calibration and a year of holdout, summarise at week 39, and compare the
    // undiscounted 12-month forecast of every customer with what it actually spent afterwards.
    const horizon = 12 * MONTH_IN_WEEKS;
    const customers = generateSyntheticCustomers({
      customers: 20_000,
      bgNbd: CDNOW,
      gammaGamma: { p: 6, q: 4, v: 15 },
      observationEnd: 39 + horizon,
      random: seededUniform(21),
    });
    const models: ClvModels = { ...WEEKLY, gammaGamma: SPEND };
    const errors = customers.map((customer) => {
      const history = summarizeSynthetic(customer, 39)!;
      const forecast = predictiveClv(history, models, { annualDiscountRate: 0 }).valueMinor;
      const actual = customer.amountsMinor
        .filter((_, i) => customer.purchaseTimes[i] > 39)
        .reduce((s, a) => s + a, 0);
      return { forecast, actual };
    });
    const n = errors.length;
    const meanGap = errors.reduce((s, e) => s + (e.actual - e.forecast), 0) / n;
    const sd = Math.sqrt(errors.reduce((s, e) => s + (e.actual - e.forecast - meanGap) ** 2, 0) / (n - 1));
    expect(Math.abs(meanGap)).toBeLessThan((4 * sd) / Math.sqrt(n));
    expect(errors.reduce((s, e) => s + e.forecast, 0)).toBeGreaterThan(0);
  });

  it('refuses a fractional horizon and a negative discount rate', () => {
    expect(() => predictiveClv(CUSTOMER, WEEKLY, { horizonMonths: 1.5 })).toThrow(RangeError);
    expect(() => predictiveClv(CUSTOMER, WEEKLY, { annualDiscountRate: -0.1 })).toThrow(RangeError);
  });
});
