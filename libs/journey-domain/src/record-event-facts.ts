import { JourneyEvent } from '@pipeline/contracts';
import { compareFacts } from './compare-facts';
import { withLatestConsent } from './latest-consent';
import { assertCustomerTotal } from './customer-total-bound';
import { eventFingerprint } from './event-fingerprint';
import { IncidentFact, JOURNEY_STATE_VERSION, JourneyState, canonicalState } from './journey-state';
import { ownValue, withSortedEntry, withSortedItem } from './sorted-record';
import { earliest, latest, widenSpan } from './time-span';

export type FactsDraft = { -readonly [K in keyof JourneyState]: JourneyState[K] };

/** NPS answers from 9 up are promoters; only they count as advocacy. */
const PROMOTER_SCORE = 9;
/** Reviews from 4 stars up count as advocacy. */
const ADVOCATING_RATING = 4;

/**
 * Folds the facts of one event into a state, with no dedupe: callers decide whether the event is new.
 * Every fact is a register (min/max by event time), a set, or a map keyed by a natural id, so the
 * result does not depend on the order events arrive in. Only the counters (`n` and the rating sum in
 * `rev`) change when the same event is folded twice. Returns a new state; the input is never mutated.
 */
export function recordEventFacts(state: JourneyState | undefined, event: JourneyEvent): JourneyState {
  return canonicalState(draftEventFacts(state, event));
}

/**
 * What {@link recordEventFacts} returns before it is made canonical: a fresh object the caller may
 * still change (`applyEvent` adds the dedupe bookkeeping) before canonicalising once. A caller that
 * already holds the event's fingerprint passes it, so it is not hashed twice.
 *
 * @throws CustomerTotalBoundError when the event would take the customer's orders, refunds or
 *   acquisition cost in its currency past `MAX_CUSTOMER_TOTAL_MINOR`. `state` is never mutated, so the
 *   customer is left exactly as before the event.
 */
export function draftEventFacts(
  state: JourneyState | undefined,
  event: JourneyEvent,
  fingerprint?: string,
): FactsDraft {
  const at = event.occurredAt;
  const draft: FactsDraft = state
    ? { ...state, seen: widenSpan(state.seen, at) }
    : { sv: JOURNEY_STATE_VERSION, seen: [at, at], n: {} };
  draft.n = withSortedEntry(draft.n, event.type, (ownValue(draft.n, event.type) ?? 0) + 1);
  if (event.channel !== undefined) draft.ch = withSortedItem(draft.ch, event.channel);

  switch (event.type) {
    case 'ad_impression':
    case 'ad_click':
    case 'referral_visit':
    case 'search_visit':
    case 'social_visit': {
      draft.aw = widenSpan(draft.aw, at);
      const cost = event.properties.cost;
      // Keyed by the causing event, so a re-sent event can never add its spend twice.
      if (cost !== undefined) {
        const key = fingerprint ?? eventFingerprint(event.eventId);
        draft.acq = withSortedEntry(draft.acq, key, [cost.minor, cost.currency]);
        assertCustomerTotal(draft, 'acquisition', cost.currency);
      }
      break;
    }
    case 'product_viewed':
    case 'product_compared':
    case 'added_to_cart':
    case 'wishlist_added':
    case 'trial_started':
    case 'checkout_started':
      draft.co = widenSpan(draft.co, at);
      break;
    case 'order_placed': {
      const { orderId, amount } = event.properties;
      const placed = [at, amount.minor, amount.currency] as const;
      const known = ownValue(draft.ord, orderId);
      if (known === undefined || compareFacts(placed, known) < 0) {
        draft.ord = withSortedEntry(draft.ord, orderId, placed);
        assertCustomerTotal(draft, 'orders', amount.currency);
      }
      break;
    }
    case 'order_refunded': {
      const { refundId, orderId, amount } = event.properties;
      const refund = [orderId, at, amount.minor, amount.currency] as const;
      const known = ownValue(draft.ref, refundId);
      // Earliest version wins: compare by time first, then the rest of the fact.
      if (known === undefined || compareFacts([at, ...refund], [known[1], ...known]) < 0) {
        draft.ref = withSortedEntry(draft.ref, refundId, refund);
        assertCustomerTotal(draft, 'refunds', amount.currency);
      }
      break;
    }
    case 'order_cancelled': {
      const { orderId } = event.properties;
      draft.cxl = withSortedEntry(draft.cxl, orderId, earliest(ownValue(draft.cxl, orderId), at));
      break;
    }
    case 'repeat_visit':
      draft.re = widenSpan(draft.re, at);
      break;
    case 'loyalty_joined':
      draft.re = widenSpan(draft.re, at);
      draft.loy = earliest(draft.loy, at);
      break;
    case 'subscription_renewed': {
      const id = event.properties.subscriptionId;
      const [renewed, cancelled] = ownValue(draft.sub, id) ?? [null, null];
      draft.re = widenSpan(draft.re, at);
      draft.sub = withSortedEntry(draft.sub, id, [latest(renewed, at), cancelled]);
      break;
    }
    case 'subscription_cancelled': {
      const id = event.properties.subscriptionId;
      const [renewed, cancelled] = ownValue(draft.sub, id) ?? [null, null];
      draft.sub = withSortedEntry(draft.sub, id, [renewed, latest(cancelled, at)]);
      break;
    }
    case 'incident_reported': {
      const { incidentId, kind } = event.properties;
      const [knownKind, reported, resolved] = ownValue(draft.inc, incidentId) ?? [null, null, null];
      const first: IncidentFact =
        reported === null || compareFacts([at, kind], [reported, knownKind]) < 0
          ? [kind, at, resolved]
          : [knownKind, reported, resolved];
      draft.inc = withSortedEntry(draft.inc, incidentId, first);
      break;
    }
    case 'incident_resolved': {
      const { incidentId } = event.properties;
      const [kind, reported, resolved] = ownValue(draft.inc, incidentId) ?? [null, null, null];
      draft.inc = withSortedEntry(draft.inc, incidentId, [kind, reported, earliest(resolved, at)]);
      break;
    }
    case 'consent_updated': {
      const { channel, status, source } = event.properties;
      draft.cns = withLatestConsent(draft.cns, channel, [at, status, source, event.eventId]);
      break;
    }
    case 'nps_response': {
      const answer = [at, event.properties.score, event.eventId] as const;
      // The latest answer by event time wins; a late, older answer never replaces a newer one.
      if (draft.nps === undefined || compareFacts([at, event.eventId], [draft.nps[0], draft.nps[2]]) > 0) {
        draft.nps = answer;
      }
      if (event.properties.score >= PROMOTER_SCORE) draft.ad = widenSpan(draft.ad, at);
      break;
    }
    case 'review_posted': {
      const [ratingSum, last] = draft.rev ?? [0, at];
      draft.rev = [ratingSum + event.properties.rating, Math.max(last, at)];
      if (event.properties.rating >= ADVOCATING_RATING) draft.ad = widenSpan(draft.ad, at);
      break;
    }
    case 'referral_sent':
    case 'referral_converted':
    case 'social_share':
      draft.ad = widenSpan(draft.ad, at);
      break;
  }
  return draft;
}
