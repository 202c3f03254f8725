import { assertCount } from './count-check';

/** The counts of one period that churn rate is computed from. */
export interface ChurnCounts {
  /** Customers lost during the period. */
  readonly lost: number;
  readonly startCount: number;
  readonly endCount: number;
}

/**
 * Churn rate over a period in percent: customers lost / the average number of customers x 100,
 * the average being (start + end) / 2. Null when that average is 0.
 *
 * Dividing by the average rather than the start count keeps the rate comparable between a growing
 * and a shrinking base. The price is that it can exceed 100% when the base collapses (10 at the
 * start, 0 at the end, 10 lost: 200%); it is not clamped, since that is what the definition says.
 */
export function churnRate(counts: ChurnCounts): number | null {
  const { lost, startCount, endCount } = counts;
  assertCount('lost', lost);
  assertCount('startCount', startCount);
  assertCount('endCount', endCount);
  const average = (startCount + endCount) / 2;
  return average === 0 ? null : (100 * lost) / average;
}

/**
 * Churn rate over a period in percent against the time-weighted average customer count: the mean of
 * one count per day of the period (equal spacing makes the plain mean the time-weighted one). Null
 * without counts or when their mean is 0. Preferable to `churnRate` when the base moves a lot within
 * the period, since start and end alone miss a peak in between.
 */
export function churnRateFromDaily(lost: number, dailyCounts: readonly number[]): number | null {
  assertCount('lost', lost);
  let sum = 0;
  for (const count of dailyCounts) {
    assertCount('daily count', count);
    sum += count;
  }
  if (sum === 0) return null;
  return (100 * lost) / (sum / dailyCounts.length);
}
