import { IdentifyEvent } from '@pipeline/contracts';
import { ApplyOptions, DEFAULT_APPLY_OPTIONS, StageChange } from './apply-event';
import { Delivery, DuplicateKind, findDuplicate, recordDelivery } from './delivery-dedupe';
import { eventFingerprint } from './event-fingerprint';
import { assessStages } from './journey-stages';
import { JOURNEY_STATE_VERSION, JourneyState, canonicalState } from './journey-state';
import { mergeAnonymousJourney } from './merge-anonymous-journey';
import { widenSpan } from './time-span';

export type IdentifyResult =
  | { readonly outcome: 'merged'; readonly state: JourneyState; readonly stageChange?: StageChange }
  | { readonly outcome: 'duplicate'; readonly state: JourneyState; readonly duplicate: DuplicateKind };

/**
 * Applies an `identify` to the customer's journey, exactly once in effect: merges the anonymous
 * journey (see `mergeAnonymousJourney`) and records the delivery like any event's. The identify itself
 * is activity (it widens the first and last seen: the customer was there) but no journey event: it
 * counts under no type and is evidence of no stage. A customer with no journey yet gets one.
 *
 * `stageChange` is set when the current stage moved, caused by the identify at its event time: a
 * customer known only from this identify enters awareness, and one who had not considered yet moves
 * to consideration when the visitor had. Earlier evidence alone (an earlier first seen) changes entry
 * times, not the current stage, and emits nothing.
 */
export function applyIdentify(
  state: JourneyState | undefined,
  anonymous: JourneyState | undefined,
  event: IdentifyEvent,
  delivery: Delivery,
  options: ApplyOptions = DEFAULT_APPLY_OPTIONS,
): IdentifyResult {
  const fingerprint = eventFingerprint(event.eventId);
  const duplicate = findDuplicate(state, delivery, fingerprint);
  if (state !== undefined && duplicate === 'redelivery') return { outcome: 'duplicate', state, duplicate };
  if (state !== undefined && duplicate === 'event-id') {
    const bookkeeping = recordDelivery(state, delivery, fingerprint, undefined);
    return { outcome: 'duplicate', state: canonicalState({ ...state, ...bookkeeping }), duplicate };
  }

  const at = event.occurredAt;
  const base: JourneyState = state
    ? canonicalState({ ...state, seen: widenSpan(state.seen, at) })
    : { sv: JOURNEY_STATE_VERSION, seen: [at, at], n: {} };
  const merged = mergeAnonymousJourney(base, anonymous, event.properties.anonymousId, options);
  const next = canonicalState({ ...merged, ...recordDelivery(merged, delivery, fingerprint, options) });
  const from = state === undefined ? null : assessStages(state).current;
  const after = assessStages(next);
  if (from === after.current) return { outcome: 'merged', state: next };
  return {
    outcome: 'merged',
    state: next,
    stageChange: {
      from,
      to: after.current,
      at,
      causingEventId: event.eventId,
      furthestStage: after.furthest,
    },
  };
}
