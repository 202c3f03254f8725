import { JourneyState } from '../journey-state';
import { orderStandings } from '../order-standing';

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** How long a purchase keeps a customer active: 365 days, a yearly buying cycle. */
export const DEFAULT_ACTIVITY_WINDOW_MS = 365 * DAY_MS;

/**
 * What the retention maths need of one customer. Activity is purchase-based: a customer who only
 * browses is not a retained customer.
 */
export interface CustomerActivity {
  readonly customerId: string;
  /** When the customer first bought (conversion), epoch ms; null for a prospect who never did. */
  readonly firstOrderAt: number | null;
  /** Times of the customer's qualifying (not cancelled) purchases, epoch ms, ascending. */
  readonly purchaseTimes: readonly number[];
}

/**
 * The activity of one customer from their journey state. Purchases are the orders not cancelled; a
 * refunded order still counts, since the customer bought and engaged and a return is not a departure.
 * `firstOrderAt` is the first of those purchases: a customer whose only order was cancelled never
 * became a customer to retain (the funnel still counts any order as conversion).
 */
export function customerActivityFromState(customerId: string, state: JourneyState): CustomerActivity {
  const purchaseTimes = orderStandings(state)
    .filter((order) => order.cancelledAt === undefined)
    .map((order) => order.placedAt);
  return { customerId, firstOrderAt: purchaseTimes[0] ?? null, purchaseTimes };
}

/** Index of the first time in the sorted `times` that is >= `at` (binary search). */
function firstIndexAtOrAfter(times: readonly number[], at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] ?? Infinity) < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Whether a customer is active at instant `t`: they made a qualifying purchase in `[t - windowMs, t)`.
 * The interval is half-open so that "active at the end of [from, to)" reads the same events as the
 * period itself: a purchase at exactly `to` belongs to the next period. (A purchase implies the
 * customer was first seen before `t`, so no separate first-seen check is needed.)
 */
export function isActiveAt(customer: CustomerActivity, t: number, windowMs: number): boolean {
  const index = firstIndexAtOrAfter(customer.purchaseTimes, t - windowMs);
  const purchase = customer.purchaseTimes[index];
  return purchase !== undefined && purchase < t;
}

/**
 * Whether a customer was acquired in `[from, to)`: their first order falls in it. Conversion-based
 * rather than first-seen-based, because for retention maths a customer is a customer once they bought.
 */
export function isAcquiredIn(customer: CustomerActivity, from: number, to: number): boolean {
  return customer.firstOrderAt !== null && customer.firstOrderAt >= from && customer.firstOrderAt < to;
}
