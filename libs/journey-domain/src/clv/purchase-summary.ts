import { JourneyState } from '../journey-state';
import { ownValue } from '../sorted-record';
import { stableSort } from '../stable-sort';
import { DAY_MS, TimeUnit, unitMs } from './time-unit';

/** What {@link purchaseSummary} reads a journey state as. */
export interface PurchaseSummaryOptions {
  /** The pipeline currency: only orders in it are counted; others are reported in `excludedOrders`. */
  readonly currency: string;
  readonly unit: TimeUnit;
  /** The end of observation, epoch ms: later orders, cancellations and refunds are not yet known. */
  readonly now: number;
}

/**
 * A customer's purchase history in the shape the BG/NBD and Gamma-Gamma models read (x, t_x, T, m_x),
 * plus the revenue the simple CLV needs. Times are on the UTC calendar-day grid, in `unit`s.
 */
export interface PurchaseSummary {
  readonly unit: TimeUnit;
  readonly currency: string;
  /** x: repeat purchase days, i.e. distinct UTC days with a counted order, minus the first. */
  readonly frequency: number;
  /** t_x: from the first purchase day to the last, in `unit`s (whole days / 7 in weeks). */
  readonly recency: number;
  /** T: from the first purchase day to the day of `now`, in `unit`s. */
  readonly age: number;
  /** m_x: mean spend of the repeat purchase days, minor units (a real mean, not rounded); 0 when x = 0. */
  readonly monetaryMinor: number;
  /** Total spend of the repeat purchase days, exact integer minor units. */
  readonly repeatSpendMinor: number;
  /** Counted orders minus their refunds, every day included, not floored: can be negative. */
  readonly netRevenueMinor: number;
  /** The earliest counted order, epoch ms (exact, not on the day grid): the start of the tenure. */
  readonly firstPurchaseAt: number;
  /** Placed, uncancelled orders by `now` that were left out for being in another currency. */
  readonly excludedOrders: number;
}

function addMinor(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`money total ${a} + ${b} exceeds 2^53 minor units`);
  return sum;
}

/**
 * Refunds in `currency` issued by `now`, summed per order; undefined for a customer without refunds,
 * most of them, who then cost no map.
 */
function refundedByOrder(
  state: JourneyState,
  currency: string,
  now: number,
): Map<string, number> | undefined {
  if (state.ref === undefined) return undefined;
  const refunded = new Map<string, number>();
  for (const [orderId, refundedAt, minor, refundCurrency] of Object.values(state.ref)) {
    if (refundedAt > now || refundCurrency !== currency) continue;
    refunded.set(orderId, addMinor(refunded.get(orderId) ?? 0, minor));
  }
  return refunded;
}

/**
 * Summarises a journey state for the purchase models, as of `now`:
 *
 * - An order counts when it was placed by `now`, in `currency`, and not cancelled by `now`. Orders on
 *   the same UTC calendar day merge into one purchase day, as lifetimes' `summary_data_from_transaction_data`
 *   and the CDNOW summaries do: the BG/NBD counts purchase occasions, and a basket split into two
 *   orders is one occasion.
 * - Times sit on the day grid: t_x = lastDay - firstDay and T = day(now) - firstDay, in days, or
 *   divided by 7 for weeks. The grid keeps t_x <= T, and makes many customers share (x, t_x, T), which
 *   is what lets the fits group them.
 * - A day's spend is its orders' amounts minus their refunds in the same currency issued by `now`,
 *   floored at 0 per day: a refund larger than its day's orders cannot make a negative spend, which the
 *   Gamma-Gamma cannot take, and the floor is per day rather than per order so that a refund booked
 *   against one order of a split basket still nets against the basket. A fully refunded day still
 *   counts as a purchase occasion (the customer did come back) with zero spend; the Gamma-Gamma fit
 *   leaves out customers whose repeat spend is zero.
 *
 * @returns undefined when no order counts (none placed by `now`, all cancelled, or all in other currencies).
 */
export function purchaseSummary(
  state: JourneyState,
  options: PurchaseSummaryOptions,
): PurchaseSummary | undefined {
  const { currency, unit, now } = options;
  const refunded = refundedByOrder(state, currency, now);
  const spendByDay = new Map<number, number>();
  let excludedOrders = 0;
  let netRevenueMinor = 0;
  let firstPurchaseAt = Infinity;
  for (const [orderId, [placedAt, amountMinor, orderCurrency]] of Object.entries(state.ord ?? {})) {
    const cancelledAt = ownValue(state.cxl, orderId);
    if (placedAt > now || (cancelledAt !== undefined && cancelledAt <= now)) continue;
    if (orderCurrency !== currency) {
      excludedOrders += 1;
      continue;
    }
    const net = amountMinor - (refunded?.get(orderId) ?? 0);
    const day = Math.floor(placedAt / DAY_MS);
    spendByDay.set(day, addMinor(spendByDay.get(day) ?? 0, net));
    netRevenueMinor = addMinor(netRevenueMinor, net);
    firstPurchaseAt = Math.min(firstPurchaseAt, placedAt);
  }
  if (spendByDay.size === 0) return undefined;
  const days = stableSort([...spendByDay.keys()], (a, b) => a - b);
  const [firstDay, lastDay] = [days[0], days[days.length - 1]];
  const daysPerUnit = unitMs(unit) / DAY_MS;
  const frequency = days.length - 1;
  const repeatSpendMinor = days
    .slice(1)
    .reduce((sum, day) => addMinor(sum, Math.max(0, spendByDay.get(day) ?? 0)), 0);
  return {
    unit,
    currency,
    frequency,
    recency: (lastDay - firstDay) / daysPerUnit,
    age: (Math.floor(now / DAY_MS) - firstDay) / daysPerUnit,
    monetaryMinor: frequency > 0 ? repeatSpendMinor / frequency : 0,
    repeatSpendMinor,
    netRevenueMinor,
    firstPurchaseAt,
    excludedOrders,
  };
}
