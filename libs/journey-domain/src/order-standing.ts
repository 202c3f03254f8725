import { JourneyState, OrderFact, RefundFact } from './journey-state';
import { ownValue } from './sorted-record';
import { stableSort } from './stable-sort';

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

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type RefundEntry = readonly [refundId: string, refund: RefundFact];

function byTimeThenId(a: RefundEntry, b: RefundEntry): number {
  return a[1][1] - b[1][1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** Every refund as `[refundId, refund]`, grouped by the orderId it refunds. */
function refundsByOrderId(refunds: Readonly<Record<string, RefundFact>>): Map<string, RefundEntry[]> {
  const byOrder = new Map<string, RefundEntry[]>();
  for (const refundId in refunds) {
    if (!Object.hasOwn(refunds, refundId)) continue;
    const refund = refunds[refundId];
    const list = byOrder.get(refund[0]);
    if (list === undefined) byOrder.set(refund[0], [[refundId, refund]]);
    else list.push([refundId, refund]);
  }
  return byOrder;
}

/**
 * The standing of one order. Optional fields are added only when set, in one fixed order, so a
 * standing enumerates (and serialises) the same way however it was reached.
 */
function standingOf(
  orderId: string,
  [placedAt, amountMinor, currency]: OrderFact,
  refunds: readonly RefundEntry[] | undefined,
  cancelledAt: number | undefined,
): OrderStanding {
  let refundedMinor = 0;
  let fullyRefundedAt: number | undefined;
  if (refunds !== undefined) {
    const inCurrency = stableSort(
      refunds.filter(([, refund]) => refund[3] === currency),
      byTimeThenId,
    );
    for (const [, [, refundedAt, minor]] of inCurrency) {
      refundedMinor += minor;
      if (fullyRefundedAt === undefined && refundedMinor >= amountMinor) fullyRefundedAt = refundedAt;
    }
  }
  const closedBy = Math.min(cancelledAt ?? Infinity, fullyRefundedAt ?? Infinity);
  const standing: Partial<Writable<OrderStanding>> = { orderId, placedAt, amountMinor, currency };
  if (cancelledAt !== undefined) standing.cancelledAt = cancelledAt;
  standing.refundedMinor = refundedMinor;
  if (fullyRefundedAt !== undefined) standing.fullyRefundedAt = fullyRefundedAt;
  if (closedBy !== Infinity) standing.closedAt = Math.max(placedAt, closedBy);
  // Every required field was set above.
  return standing as OrderStanding;
}

function byPlacementThenId(a: OrderStanding, b: OrderStanding): number {
  return a.placedAt - b.placedAt || (a.orderId < b.orderId ? -1 : 1);
}

/**
 * The standing of every placed order, oldest first. A refund in another currency than its order does
 * not count towards refunding it in full (there is no exchange rate in the domain). An order of zero
 * value is fully refunded only once some refund of it exists.
 */
export function orderStandings(state: JourneyState): OrderStanding[] {
  const orders = state.ord;
  if (orders === undefined) return [];
  // Computed for every event of a buyer, several times: hence plain loops and no entry arrays.
  const refunds = state.ref === undefined ? undefined : refundsByOrderId(state.ref);
  const standings: OrderStanding[] = [];
  for (const orderId in orders) {
    if (!Object.hasOwn(orders, orderId)) continue;
    const cancelledAt = ownValue(state.cxl, orderId);
    standings.push(standingOf(orderId, orders[orderId], refunds?.get(orderId), cancelledAt));
  }
  return stableSort(standings, byPlacementThenId);
}
