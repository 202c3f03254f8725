import { churnRate } from './churn-rate';
import { CustomerActivity, DEFAULT_ACTIVITY_WINDOW_MS, isAcquiredIn, isActiveAt } from './customer-activity';
import { RetentionClamp, retentionRate } from './retention-rate';

/** Customer counts and rates of one period `[from, to)`. */
export interface PeriodCustomerCounts {
  /** S: customers active at `from`. */
  readonly startCount: number;
  /** E: customers active at `to`. */
  readonly endCount: number;
  /** N: customers whose first order falls in `[from, to)`. */
  readonly acquired: number;
  /** Customers active at `from` or acquired during the period, and not active at `to`. */
  readonly lost: number;
  /** Customers active at both `from` and `to`: the cohort the formula's E - N stands for. */
  readonly retained: number;
  /** Customers active at `to` who were neither active at `from` nor acquired during the period. */
  readonly reactivated: number;
  /** ((E - N) / S) x 100 clamped into [0, 100]; null when S = 0. See `retentionRate`. */
  readonly retentionRate: number | null;
  /** Why `retentionRate` was clamped, if it was. */
  readonly retentionClamped: RetentionClamp | null;
  /** lost / ((S + E) / 2) x 100; null when S + E = 0. See `churnRate`. */
  readonly churnRate: number | null;
}

function assertConsistent(customer: CustomerActivity): void {
  const times = customer.purchaseTimes;
  for (let i = 1; i < times.length; i += 1) {
    if ((times[i] ?? 0) < (times[i - 1] ?? 0)) {
      throw new RangeError(`purchaseTimes of customer ${customer.customerId} are not sorted`);
    }
  }
  const first = times[0];
  if (first !== undefined && (customer.firstOrderAt === null || customer.firstOrderAt > first)) {
    throw new RangeError(`customer ${customer.customerId} has a purchase before their first order`);
  }
}

/**
 * Counts customers over `[from, to)` with the definitions of `customer-activity.ts` (active at t:
 * a purchase in `[t - windowMs, t)`; acquired: first order in the period; lost: active at `from` or
 * acquired, and not active at `to`), and derives retention and churn rates from them.
 *
 * E - N = retained + reactivated - (acquired customers who lapsed before `to`); the last term is 0
 * whenever the period is no longer than the activity window. `retained` and `reactivated` are
 * returned so a caller can tell the formula's figure from the exact cohort.
 *
 * Throws a RangeError for unsorted purchase times or a purchase before the first order.
 */
export function customerCountsForPeriod(
  customers: readonly CustomerActivity[],
  from: number,
  to: number,
  windowMs: number = DEFAULT_ACTIVITY_WINDOW_MS,
): PeriodCustomerCounts {
  if (!(from < to)) throw new RangeError(`a period needs from < to, got [${from}, ${to})`);
  if (!(windowMs > 0)) throw new RangeError(`the activity window must be positive, got ${windowMs}`);
  let startCount = 0;
  let endCount = 0;
  let acquired = 0;
  let lost = 0;
  let retained = 0;
  let reactivated = 0;
  for (const customer of customers) {
    assertConsistent(customer);
    const atStart = isActiveAt(customer, from, windowMs);
    const atEnd = isActiveAt(customer, to, windowMs);
    const isNew = isAcquiredIn(customer, from, to);
    if (atStart) startCount += 1;
    if (atEnd) endCount += 1;
    if (isNew) acquired += 1;
    if ((atStart || isNew) && !atEnd) lost += 1;
    if (atStart && atEnd) retained += 1;
    if (atEnd && !atStart && !isNew) reactivated += 1;
  }
  const retention = retentionRate({ startCount, endCount, acquired });
  return {
    startCount,
    endCount,
    acquired,
    lost,
    retained,
    reactivated,
    retentionRate: retention.percent,
    retentionClamped: retention.clamped,
    churnRate: churnRate({ lost, startCount, endCount }),
  };
}
