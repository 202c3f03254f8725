import { consentView } from './consent-view';
import { JOURNEY_STAGES, JourneyStage, Money } from '@pipeline/contracts';
import { DETRACTOR_MAX_SCORE, assessStages } from './journey-stages';
import { JourneyState } from './journey-state';
import {
  AcquisitionCostView,
  CurrencyTotals,
  IsoInstant,
  JourneyView,
  NpsCategory,
  OpenIncident,
  OrdersView,
  StageTimes,
  SubscriptionView,
} from './journey-view';
import { orderStandings } from './order-standing';
import { ownValue } from './sorted-record';

export interface SummarizeOptions {
  /** Acquisition cost to report when no awareness event attributed any. */
  readonly defaultAcquisitionCost?: Money;
}

const PROMOTER_MIN_SCORE = 9;

function iso(at: number): IsoInstant {
  return new Date(at).toISOString();
}

function isoOrNull(at: number | null | undefined): IsoInstant | null {
  return at === null || at === undefined ? null : iso(at);
}

/** Integer addition that refuses to lose precision rather than report a wrong amount. */
function addMinor(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`money total ${a} + ${b} exceeds 2^53 minor units`);
  return sum;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ordersView(state: JourneyState): OrdersView {
  const orders = orderStandings(state);
  const totals = new Map<string, { grossMinor: number; refundedMinor: number }>();
  const totalsOf = (currency: string): { grossMinor: number; refundedMinor: number } => {
    const existing = totals.get(currency) ?? { grossMinor: 0, refundedMinor: 0 };
    totals.set(currency, existing);
    return existing;
  };
  for (const order of orders) {
    if (order.cancelledAt !== undefined) continue;
    const t = totalsOf(order.currency);
    t.grossMinor = addMinor(t.grossMinor, order.amountMinor);
  }
  for (const [orderId, , minor, currency] of Object.values(state.ref ?? {})) {
    if (ownValue(state.cxl, orderId) !== undefined) continue;
    const t = totalsOf(currency);
    t.refundedMinor = addMinor(t.refundedMinor, minor);
  }
  const byCurrency: Record<string, CurrencyTotals> = {};
  for (const currency of [...totals.keys()].sort(byId)) {
    const { grossMinor, refundedMinor } = totalsOf(currency);
    byCurrency[currency] = { grossMinor, refundedMinor, netMinor: grossMinor - refundedMinor };
  }
  return {
    count: orders.length,
    cancelledCount: orders.filter((order) => order.cancelledAt !== undefined).length,
    firstOrderAt: isoOrNull(orders[0]?.placedAt),
    lastOrderAt: isoOrNull(orders[orders.length - 1]?.placedAt),
    byCurrency,
  };
}

function acquisitionCostView(state: JourneyState, fallback: Money | undefined): AcquisitionCostView {
  const byCurrency: Record<string, number> = {};
  for (const [minor, currency] of Object.values(state.acq ?? {})) {
    byCurrency[currency] = addMinor(byCurrency[currency] ?? 0, minor);
  }
  const currencies = Object.keys(byCurrency).sort(byId);
  if (currencies.length > 0) {
    return {
      byCurrency: Object.fromEntries(currencies.map((c) => [c, byCurrency[c]])),
      source: 'attributed',
    };
  }
  if (fallback) return { byCurrency: { [fallback.currency]: fallback.minor }, source: 'default' };
  return { byCurrency: {}, source: 'none' };
}

function npsCategory(score: number): NpsCategory {
  if (score >= PROMOTER_MIN_SCORE) return 'promoter';
  return score <= DETRACTOR_MAX_SCORE ? 'detractor' : 'passive';
}

/**
 * The read model of one customer's journey at `now` (epoch ms, passed in so the domain never reads a
 * clock). Money stays in integer minor units per currency; the API layer formats it.
 */
export function summarize(
  state: JourneyState,
  customerId: string,
  now: number,
  options: SummarizeOptions = {},
): JourneyView {
  const assessment = assessStages(state);
  const stages = Object.fromEntries(
    JOURNEY_STAGES.map((stage): [JourneyStage, StageTimes] => {
      const entry = assessment.entered[stage];
      return [
        stage,
        { firstEnteredAt: isoOrNull(entry?.firstEnteredAt), lastEnteredAt: isoOrNull(entry?.lastEnteredAt) },
      ];
    }),
  ) as Record<JourneyStage, StageTimes>;

  const openIncidents: OpenIncident[] = [];
  for (const [incidentId, [kind, reportedAt, resolvedAt]] of Object.entries(state.inc ?? {})) {
    if (kind !== null && reportedAt !== null && resolvedAt === null) {
      openIncidents.push({ incidentId, kind, reportedAt: iso(reportedAt) });
    }
  }
  openIncidents.sort((a, b) => byId(a.reportedAt, b.reportedAt) || byId(a.incidentId, b.incidentId));

  const subscriptions: SubscriptionView[] = Object.entries(state.sub ?? {})
    .sort(([a], [b]) => byId(a, b))
    .map(([subscriptionId, [renewedAt, cancelledAt]]) => ({
      subscriptionId,
      status:
        cancelledAt !== null && (renewedAt === null || cancelledAt > renewedAt) ? 'cancelled' : 'active',
      lastRenewedAt: isoOrNull(renewedAt),
      lastCancelledAt: isoOrNull(cancelledAt),
    }));

  const reviewCount = ownValue(state.n, 'review_posted') ?? 0;
  const [ratingSum, lastReviewAt] = state.rev ?? [0, null];
  return {
    customerId,
    currentStage: assessment.current,
    furthestStage: assessment.furthest,
    currentStageSince: iso(assessment.currentSince),
    timeInCurrentStageMs: Math.max(0, now - assessment.currentSince),
    stages,
    countsByType: { ...state.n },
    channels: [...(state.ch ?? [])],
    mergedAnonymousIds: [...(state.mrg ?? [])],
    orders: ordersView(state),
    openIncidents,
    consent: consentView(state),
    nps: state.nps
      ? { score: state.nps[1], category: npsCategory(state.nps[1]), at: iso(state.nps[0]) }
      : null,
    reviews: {
      count: reviewCount,
      averageRating: reviewCount > 0 ? Math.round((ratingSum / reviewCount) * 100) / 100 : null,
      lastReviewAt: isoOrNull(lastReviewAt),
    },
    referrals: {
      sent: ownValue(state.n, 'referral_sent') ?? 0,
      converted: ownValue(state.n, 'referral_converted') ?? 0,
    },
    subscriptions,
    loyaltyJoinedAt: isoOrNull(state.loy),
    acquisitionCost: acquisitionCostView(state, options.defaultAcquisitionCost),
    firstSeenAt: iso(state.seen[0]),
    lastSeenAt: iso(state.seen[1]),
  };
}
