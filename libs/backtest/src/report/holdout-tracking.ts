import { BgNbdParams, expectedPurchases, probabilityAlive } from '@pipeline/journey-domain';
import { HoldoutWindow, periodOfDay } from './holdout-window';

/** What tracking reads of one calibration customer. */
export interface TrackedCustomer {
  /** x, t_x and T at calibrationEnd, in time units. */
  readonly frequency: number;
  readonly recency: number;
  readonly age: number;
  /** Holdout purchase days, as UTC days after the calibration end's day. */
  readonly holdoutDays: readonly number[];
}

/** Repeat purchases of the cohort in one holdout period, and cumulated from the calibration end. */
export interface TrackingPeriod {
  /** 1-based period number. */
  readonly period: number;
  /** End of the period in time units after calibrationEnd. */
  readonly end: number;
  readonly actual: number;
  /** Unconditional expectation: Σ_i E[X(T_i + end)] - E[X(T_i + previous end)]. */
  readonly expected: number;
  /** Conditional expectation: Σ_i E[Y(end) | x_i, t_x_i, T_i] - the same at the previous end. */
  readonly conditional: number;
  readonly cumulativeActual: number;
  readonly cumulativeExpected: number;
  readonly cumulativeConditional: number;
}

/**
 * The tracking plot of Fader, Hardie & Lee (2005, figure 2) over the holdout: the calibration cohort's
 * repeat purchases per period, actual against expected, cumulated from the calibration end.
 *
 * - expected: each customer i was born at its first purchase, T_i time units before calibrationEnd;
 *   the model expects E[X(T_i + t)] repeat purchases in its first T_i + t units (FHL eq. 9), so
 *   E[X(T_i + t)] - E[X(T_i)] in the first t units of the holdout, whatever it did in the
 *   calibration. Summed over the cohort: the population forecast, as a tracking plot draws it.
 * - conditional: Σ_i E[Y(t) | x_i, t_x_i, T_i] (FHL eq. 10), the same per-customer predictions the
 *   frequency bins and the errors use, cumulated over the holdout.
 * - actual: the cohort's holdout purchase days up to the end of each period.
 *
 * E[Y(t) | x, t_x, T] is P(alive | x, t_x, T) times E[X(t)] under the posterior r + x, alpha + T,
 * a, b + x (FHL 2005, eq. 10; the domain's `conditionalExpectedPurchases`), so customers are grouped
 * by (x, T) with their P(alive) summed, and by T alone for the unconditional sum: the cost follows the
 * distinct ages, not the customers.
 */
export function holdoutTracking(
  customers: readonly TrackedCustomer[],
  params: BgNbdParams,
  window: HoldoutWindow,
): TrackingPeriod[] {
  const { periodEnds } = window;
  const byAge = new Map<number, number>();
  const byHistory = new Map<string, { x: number; age: number; alive: number }>();
  const actual = new Array<number>(periodEnds.length).fill(0);
  for (const { frequency: x, recency, age, holdoutDays } of customers) {
    byAge.set(age, (byAge.get(age) ?? 0) + 1);
    const key = `${x}|${age}`;
    const group = byHistory.get(key) ?? { x, age, alive: 0 };
    group.alive += probabilityAlive(params, x, recency, age);
    byHistory.set(key, group);
    for (const day of holdoutDays) actual[periodOfDay(window, day)] += 1;
  }
  const expectedAt = (end: number): number => {
    let sum = 0;
    for (const [age, count] of byAge)
      sum += count * (expectedPurchases(params, age + end) - expectedPurchases(params, age));
    return sum;
  };
  const conditionalAt = (end: number): number => {
    let sum = 0;
    for (const { x, age, alive } of byHistory.values()) {
      const posterior = { r: params.r + x, alpha: params.alpha + age, a: params.a, b: params.b + x };
      sum += alive * expectedPurchases(posterior, end);
    }
    return sum;
  };
  const periods: TrackingPeriod[] = [];
  let previous = { actual: 0, expected: 0, conditional: 0 };
  periodEnds.forEach((end, i) => {
    const cumulative = {
      actual: previous.actual + actual[i],
      expected: expectedAt(end),
      conditional: conditionalAt(end),
    };
    periods.push({
      period: i + 1,
      end,
      actual: actual[i],
      expected: cumulative.expected - previous.expected,
      conditional: cumulative.conditional - previous.conditional,
      cumulativeActual: cumulative.actual,
      cumulativeExpected: cumulative.expected,
      cumulativeConditional: cumulative.conditional,
    });
    previous = cumulative;
  });
  return periods;
}
