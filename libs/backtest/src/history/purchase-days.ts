import { JourneyState } from '@pipeline/journey-domain';
import { utcDay } from './utc-day';

/** Which orders {@link purchaseDays} reads, and as of when. */
export interface PurchaseDaysWindow {
  /** The pipeline currency: orders and refunds in other currencies are left out. */
  readonly currency: string;
  /** Only orders placed strictly after this instant, epoch ms; undefined: from the first order. */
  readonly after?: number;
  /** Orders placed by this instant (inclusive), with the cancellations and refunds known by it. */
  readonly through: number;
}

/** One purchase occasion: a UTC day with at least one counted order, and its spend. */
export interface PurchaseDay {
  /** UTC day number (days since 1970-01-01). */
  readonly day: number;
  /** The day's orders minus their refunds, floored at 0: exact integer minor units. */
  readonly spendMinor: number;
}

function ownNumber(record: Readonly<Record<string, number>> | undefined, key: string): number | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The purchase days of a journey state, ascending, by the rules of the journey domain's
 * `purchaseSummary` (and tested to agree with it): an order counts when it was placed in the window,
 * in `currency`, and not cancelled by `through`; orders of one UTC day merge into one purchase day;
 * a day's spend is its orders less their refunds in `currency` issued by `through`, floored at 0 per
 * day. `purchaseSummary` gives x, t_x, T and m_x of the days up to an instant; this gives the days
 * themselves, which the holdout needs: when each repeat purchase fell, and what each one spent.
 */
export function purchaseDays(state: JourneyState, window: PurchaseDaysWindow): PurchaseDay[] {
  const { currency, after = -Infinity, through } = window;
  const refunded = new Map<string, number>();
  for (const [orderId, refundedAt, minor, refundCurrency] of Object.values(state.ref ?? {})) {
    if (refundedAt > through || refundCurrency !== currency) continue;
    refunded.set(orderId, (refunded.get(orderId) ?? 0) + minor);
  }
  const spendByDay = new Map<number, number>();
  for (const [orderId, [placedAt, amountMinor, orderCurrency]] of Object.entries(state.ord ?? {})) {
    if (placedAt <= after || placedAt > through || orderCurrency !== currency) continue;
    const cancelledAt = ownNumber(state.cxl, orderId);
    if (cancelledAt !== undefined && cancelledAt <= through) continue;
    const day = utcDay(placedAt);
    spendByDay.set(day, (spendByDay.get(day) ?? 0) + amountMinor - (refunded.get(orderId) ?? 0));
  }
  return [...spendByDay]
    .sort(([a], [b]) => a - b)
    .map(([day, spend]) => ({ day, spendMinor: Math.max(0, spend) }));
}
