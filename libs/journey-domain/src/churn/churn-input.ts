import { JourneyStage } from '@pipeline/contracts';
import { PurchaseModel } from '../clv/purchase-model';
import { assessStages } from '../journey-stages';
import { IncidentFact, JourneyState, SubscriptionFact } from '../journey-state';
import { NpsCategory } from '../journey-view';
import { npsCategoryOf } from '../kpi/nps';
import { orderStandings } from '../order-standing';
import { purchaseDaysOf, typicalPurchaseIntervalMs } from './purchase-interval';

/** What the churn score reads of one customer; times are epoch ms. */
export interface ChurnInput {
  /** Incidents reported and not resolved. */
  readonly openIncidents: number;
  /** The latest NPS answer by event time, if any. */
  readonly lastNps: { readonly score: number; readonly category: NpsCategory; readonly at: number } | null;
  /** Subscriptions whose last cancellation is later than their last renewal. */
  readonly subscriptionsCancelled: number;
  /** Distinct UTC days with a purchase (an order not cancelled), as days since the epoch, ascending. */
  readonly purchaseDays: readonly number[];
  /** Median gap between purchase days, ms; null for one-time buyers and prospects. */
  readonly typicalPurchaseIntervalMs: number | null;
  /** The latest purchase (an order not cancelled); null without one. */
  readonly lastPurchaseAt: number | null;
  /** The latest event of any kind. */
  readonly lastSeenAt: number;
  /** Carried for context; the score reads the facts behind the stage rather than the stage itself. */
  readonly currentStage: JourneyStage;
  /** The probability that the customer is alive at `now`; undefined before the model's first fit. */
  readonly pAlive?: number;
  /** The purchase model that gave `pAlive` (default `bg-nbd`), named in the signal's text. */
  readonly pAliveModel?: PurchaseModel;
}

function isOpenIncident([kind, reportedAt, resolvedAt]: IncidentFact): boolean {
  return kind !== null && reportedAt !== null && resolvedAt === null;
}

function isCancelledSubscription([renewedAt, cancelledAt]: SubscriptionFact): boolean {
  return cancelledAt !== null && (renewedAt === null || cancelledAt > renewedAt);
}

/** How many own values of `record` pass `test`, without the array `Object.values` would build. */
function countOwnValues<V>(
  record: Readonly<Record<string, V>> | undefined,
  test: (value: V) => boolean,
): number {
  let count = 0;
  if (record !== undefined)
    for (const key in record) if (Object.hasOwn(record, key) && test(record[key])) count += 1;
  return count;
}

/**
 * The churn input of one customer at `now`. Purchases are the orders not cancelled; a refunded order
 * still counts, since returning goods is not leaving (the KPI activity definition agrees).
 *
 * Times stamped after `now` (a producer clock running ahead) are read as `now`: the fact still counts,
 * so a resolution stamped a second ahead is not missed, but it cannot make a customer look active
 * beyond the present or push a review time further out than what is known at `now`.
 */
export function churnInputFromState(
  state: JourneyState,
  now: number,
  pAlive?: number,
  pAliveModel?: PurchaseModel,
): ChurnInput {
  if (!Number.isFinite(now)) throw new RangeError(`now must be a finite epoch ms, got ${now}`);
  // Computed for every applied event of a buyer: plain loops, no intermediate arrays.
  const purchaseTimes: number[] = [];
  for (const order of orderStandings(state)) {
    if (order.cancelledAt === undefined) purchaseTimes.push(Math.min(order.placedAt, now));
  }
  const purchaseDays = purchaseDaysOf(purchaseTimes);
  const nps = state.nps;
  return {
    openIncidents: countOwnValues(state.inc, isOpenIncident),
    lastNps: nps ? { score: nps[1], category: npsCategoryOf(nps[1]), at: Math.min(nps[0], now) } : null,
    subscriptionsCancelled: countOwnValues(state.sub, isCancelledSubscription),
    purchaseDays,
    typicalPurchaseIntervalMs: typicalPurchaseIntervalMs(purchaseDays),
    // Standings are in placement order, so the last purchase is the latest.
    lastPurchaseAt: purchaseTimes[purchaseTimes.length - 1] ?? null,
    lastSeenAt: Math.min(state.seen[1], now),
    currentStage: assessStages(state).current,
    ...(pAlive !== undefined && { pAlive }),
    ...(pAlive !== undefined && pAliveModel !== undefined && { pAliveModel }),
  };
}
