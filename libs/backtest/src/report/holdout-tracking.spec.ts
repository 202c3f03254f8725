import { BgNbdParams, conditionalExpectedPurchases, expectedPurchases } from '@pipeline/journey-domain';
import { holdoutTracking } from './holdout-tracking';
import { holdoutWindow } from './holdout-window';

const PARAMS: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const JAN_1 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
// 17 days in weeks: periods end at 1, 2 and 17/7 weeks.
const WINDOW = holdoutWindow(JAN_1, JAN_1 + 17 * DAY, 'week');

const customers = [
  { frequency: 2, recency: 3, age: 10, holdoutDays: [0, 6, 7, 16] },
  { frequency: 2, recency: 9, age: 10, holdoutDays: [17] },
  { frequency: 0, recency: 0, age: 10, holdoutDays: [] },
  { frequency: 5, recency: 20, age: 26, holdoutDays: [3] },
];

describe(holdoutTracking.name, () => {
  const periods = holdoutTracking(customers, PARAMS, WINDOW);

  it('counts actual purchase days per week and cumulates them', () => {
    // days 0, 6, 3 in week 1; day 7 in week 2; days 16 and 17 (the holdout end's instant) in the last
    expect(periods.map((p) => [p.period, p.end, p.actual, p.cumulativeActual])).toEqual([
      [1, 1, 3, 3],
      [2, 2, 1, 4],
      [3, 17 / 7, 2, 6],
    ]);
  });

  it('expects Σ E[X(T + t)] - E[X(T)] over the cohort, customer by customer', () => {
    for (const period of periods) {
      const direct = customers.reduce(
        (sum, c) => sum + expectedPurchases(PARAMS, c.age + period.end) - expectedPurchases(PARAMS, c.age),
        0,
      );
      expect(period.cumulativeExpected).toBeCloseTo(direct, 10);
    }
  });

  it('sums the conditional expectations E[Y(t) | x, t_x, T] of every customer, grouped by (x, T)', () => {
    for (const period of periods) {
      const direct = customers.reduce(
        (sum, c) => sum + conditionalExpectedPurchases(PARAMS, period.end, c.frequency, c.recency, c.age),
        0,
      );
      expect(period.cumulativeConditional).toBeCloseTo(direct, 10);
    }
  });

  it('gives per-period increments that add up to the cumulative values', () => {
    let [expected, conditional] = [0, 0];
    for (const period of periods) {
      expected += period.expected;
      conditional += period.conditional;
      expect(period.cumulativeExpected).toBeCloseTo(expected, 12);
      expect(period.cumulativeConditional).toBeCloseTo(conditional, 12);
      expect(period.expected).toBeGreaterThan(0);
    }
  });
});
