import { JourneyState, RefundFact } from './journey-state';
import { ownValue } from './sorted-record';

/** One placed order with what happened to it since. */
export interface OrderStanding {
  readonly orderId: string;
  readonly placedAt: number;
  readonly amountMinor: number;
  readonly currency: string;
  /** Earliest cancellation, if any. */
  readonly cancelledAt?: number;
  /** Refunds of this order in its own currency. */
  readonly refundedMinor: number;
  /** When refunds in the order's currency first reached its amount, if they have. */
  readonly fullyRefundedAt?: number;
  /**
   * When the order stopped counting as a purchase (cancelled or fully refunded), never before it was
   * placed: a cancel stamped earlier than its order by a skewed clock closes it when it is placed.
   */
  readonly closedAt?: number;
}

function byTimeThenId(a: readonly [string, RefundFact], b: readonly [string, RefundFact]): number {
  return a[1][1] - b[1][1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/**
 * The standing of every placed order, oldest first. A refund in another currency than its order does
 * not count towards refunding it in full (there is no exchange rate in the domain). An order of zero
 * value is fully refunded only once some refund of it exists.
 */
export function orderStandings(state: JourneyState): OrderStanding[] {
  const refundsByOrder = new Map<string, Array<[string, RefundFact]>>();
  for (const entry of Object.entries(state.ref ?? {})) {
    const list = refundsByOrder.get(entry[1][0]) ?? [];
    list.push(entry);
    refundsByOrder.set(entry[1][0], list);
  }
  const standings = Object.entries(state.ord ?? {}).map(([orderId, [placedAt, amountMinor, currency]]) => {
    let refundedMinor = 0;
    let fullyRefundedAt: number | undefined;
    const refunds = (refundsByOrder.get(orderId) ?? []).filter(([, refund]) => refund[3] === currency);
    for (const [, [, refundedAt, minor]] of refunds.sort(byTimeThenId)) {
      refundedMinor += minor;
      if (fullyRefundedAt === undefined && refundedMinor >= amountMinor) fullyRefundedAt = refundedAt;
    }
    const cancelledAt = ownValue(state.cxl, orderId);
    const closedBy = Math.min(cancelledAt ?? Infinity, fullyRefundedAt ?? Infinity);
    return {
      orderId,
      placedAt,
      amountMinor,
      currency,
      ...(cancelledAt !== undefined && { cancelledAt }),
      refundedMinor,
      ...(fullyRefundedAt !== undefined && { fullyRefundedAt }),
      ...(closedBy !== Infinity && { closedAt: Math.max(placedAt, closedBy) }),
    };
  });
  return standings.sort((a, b) => a.placedAt - b.placedAt || (a.orderId < b.orderId ? -1 : 1));
}
