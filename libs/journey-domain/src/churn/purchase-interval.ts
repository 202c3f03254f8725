import { DAY_MS } from '../kpi/customer-activity';
import { stableSort } from '../stable-sort';

/**
 * The distinct UTC days (days since the epoch) with a purchase, ascending. Counting days rather than
 * orders keeps a basket split into several orders on one day from reading as a burst of purchases,
 * as BG/NBD does with its repeat-purchase days.
 */
export function purchaseDaysOf(purchaseTimes: readonly number[]): number[] {
  // Times usually come in order (standings are sorted by placement): then the distinct days are the
  // days that differ from the one before, with no set to fill and no array to sort.
  const days: number[] = [];
  for (const at of purchaseTimes) {
    // `+ 0` turns -0 into 0, as a Set would.
    const day = Math.floor(at / DAY_MS) + 0;
    const last = days.length === 0 ? undefined : days[days.length - 1];
    if (last === undefined || last < day) days.push(day);
    else if (last !== day) return distinctDays(purchaseTimes);
  }
  return days;
}

/** The distinct days of times in any order, ascending. */
function distinctDays(purchaseTimes: readonly number[]): number[] {
  const days = new Set(purchaseTimes.map((at) => Math.floor(at / DAY_MS)));
  return stableSort([...days], (a, b) => a - b);
}

/**
 * A customer's own typical time between purchases, ms: the median gap between consecutive purchase
 * days (the mean of the two middle gaps for an even count). The median rather than the mean so one
 * long holiday gap does not stretch the rhythm. Null with fewer than two purchase days.
 */
export function typicalPurchaseIntervalMs(purchaseDays: readonly number[]): number | null {
  const gaps: number[] = [];
  for (let i = 1; i < purchaseDays.length; i += 1)
    gaps.push((purchaseDays[i] ?? 0) - (purchaseDays[i - 1] ?? 0));
  if (gaps.length === 0) return null;
  stableSort(gaps, (a, b) => a - b);
  const middle = gaps.length >> 1;
  const medianDays =
    gaps.length % 2 === 1 ? (gaps[middle] ?? 0) : ((gaps[middle - 1] ?? 0) + (gaps[middle] ?? 0)) / 2;
  return medianDays * DAY_MS;
}
