import { JOURNEY_STAGES, JourneyStage } from '@pipeline/contracts';
import { JourneyState } from './journey-state';
import { OrderStanding, orderStandings } from './order-standing';

/** NPS answers up to 6 are detractors. */
export const DETRACTOR_MAX_SCORE = 6;

/** When a stage was first and last evidenced, epoch ms. */
export interface StageEntry {
  readonly firstEnteredAt: number;
  readonly lastEnteredAt: number;
}

export interface StageAssessment {
  /** Where the customer is now; may be behind `furthest` after cancellations or a detractor answer. */
  readonly current: JourneyStage;
  /** The highest stage ever evidenced; never goes down as events are added. */
  readonly furthest: JourneyStage;
  /** Since when the customer is in `current`, epoch ms. */
  readonly currentSince: number;
  /** Stages with evidence; a stage the customer skipped (bought without browsing) is absent. */
  readonly entered: Readonly<Partial<Record<JourneyStage, StageEntry>>>;
}

/** Funnel position: awareness 0 ... advocacy 4. */
export function stageRank(stage: JourneyStage): number {
  return JOURNEY_STAGES.indexOf(stage);
}

function enteredStages(state: JourneyState, orders: readonly OrderStanding[]): StageAssessment['entered'] {
  const entered: Partial<Record<JourneyStage, StageEntry>> = {
    awareness: { firstEnteredAt: state.seen[0], lastEnteredAt: state.aw?.[1] ?? state.seen[0] },
  };
  if (state.co) entered.consideration = { firstEnteredAt: state.co[0], lastEnteredAt: state.co[1] };
  const first = orders[0];
  const second = orders[1];
  const last = orders[orders.length - 1];
  if (first === undefined || last === undefined) return entered;
  entered.conversion = { firstEnteredAt: first.placedAt, lastEnteredAt: last.placedAt };

  // A retention or advocacy signal only counts once there is an order to retain or advocate for.
  const retainedBySignal = state.re ? Math.max(state.re[0], first.placedAt) : Infinity;
  const retainedByReorder = second ? second.placedAt : Infinity;
  const retainedAt = Math.min(retainedBySignal, retainedByReorder);
  if (retainedAt !== Infinity) {
    const lastSignal = state.re?.[1] ?? -Infinity;
    const lastReorder = second ? last.placedAt : -Infinity;
    entered.retention = {
      firstEnteredAt: retainedAt,
      lastEnteredAt: Math.max(retainedAt, lastSignal, lastReorder),
    };
  }
  if (state.ad) {
    const advocatedAt = Math.max(state.ad[0], first.placedAt);
    entered.advocacy = { firstEnteredAt: advocatedAt, lastEnteredAt: Math.max(advocatedAt, state.ad[1]) };
  }
  return entered;
}

/** Highest stage first, listed once rather than copied and reversed on every assessment. */
const STAGES_DESCENDING: readonly JourneyStage[] = [...JOURNEY_STAGES].reverse();

function furthestOf(entered: StageAssessment['entered']): JourneyStage {
  for (const stage of STAGES_DESCENDING) if (entered[stage]) return stage;
  return 'awareness';
}

/**
 * The journey stages of a customer, computed from the state alone so they do not depend on the order
 * events arrived in. Ranks: awareness < consideration < conversion < retention < advocacy.
 *
 * Furthest stage: the highest stage with evidence, and it never goes down.
 * - awareness: every known customer; entered when first seen (whatever the first event was).
 * - consideration: a consideration event (product_viewed, product_compared, added_to_cart,
 *   wishlist_added, trial_started, checkout_started).
 * - conversion: at least one order_placed, cancelled or not.
 * - retention: an order AND (a retention signal - repeat_visit, loyalty_joined, subscription_renewed -
 *   OR at least two distinct orders).
 * - advocacy: an order AND an advocacy signal (NPS >= 9, review rating >= 4, referral_sent,
 *   referral_converted, social_share).
 *
 * Current stage: the furthest, except
 * 1. when every order is cancelled or fully refunded (refunds in the order's currency >= its amount,
 *    per order), the customer is back in consideration, since the moment the last order closed;
 * 2. otherwise, when the furthest is advocacy and the latest NPS answer (by event time) is a
 *    detractor (0-6) with no advocacy signal after it, the customer is in retention if retention is
 *    evidenced, else in conversion, since the answer (or since entering that stage, if later).
 * A purchase after advocacy therefore keeps an advocate an advocate.
 *
 * Entry times: a stage is first entered at its first evidence and last entered at its latest;
 * retention and advocacy are never entered before the first order. When current equals furthest,
 * the customer is in it since its first entry.
 */
export function assessStages(state: JourneyState): StageAssessment {
  const orders = orderStandings(state);
  const entered = enteredStages(state, orders);
  const furthest = furthestOf(entered);
  const lastClosedAt = lastClosedAtIfAllClosed(orders);
  if (lastClosedAt !== undefined) {
    return { current: 'consideration', furthest, currentSince: lastClosedAt, entered };
  }
  const nps = state.nps;
  if (
    furthest === 'advocacy' &&
    nps &&
    nps[1] <= DETRACTOR_MAX_SCORE &&
    !(state.ad && state.ad[1] > nps[0])
  ) {
    const current = entered.retention ? 'retention' : 'conversion';
    return {
      current,
      furthest,
      currentSince: Math.max(nps[0], sinceFirstEntry(state, entered, current)),
      entered,
    };
  }
  return { current: furthest, furthest, currentSince: sinceFirstEntry(state, entered, furthest), entered };
}

/**
 * Since when the customer is in `stage`: its first entry, or first seen. A plain function rather than
 * a closure over the assessment, which would be allocated on each of the several calls per event.
 */
function sinceFirstEntry(
  state: JourneyState,
  entered: StageAssessment['entered'],
  stage: JourneyStage,
): number {
  return entered[stage]?.firstEnteredAt ?? state.seen[0];
}

/**
 * When the last order closed, if there are orders and every one is closed (cancelled or fully
 * refunded); undefined otherwise. One pass, where `every` then `max` over a mapped copy took three.
 */
function lastClosedAtIfAllClosed(orders: readonly OrderStanding[]): number | undefined {
  if (orders.length === 0) return undefined;
  let last = -Infinity;
  for (const order of orders) {
    if (order.closedAt === undefined) return undefined;
    last = Math.max(last, order.closedAt);
  }
  return last;
}
