import { JourneyEvent, JourneyStage } from '@pipeline/contracts';
import { Delivery, DuplicateKind, findDuplicate, recordDelivery } from './delivery-dedupe';
import { eventFingerprint } from './event-fingerprint';
import { assessStages } from './journey-stages';
import { JourneyState, canonicalState } from './journey-state';
import { draftEventFacts } from './record-event-facts';

export interface ApplyOptions {
  /**
   * How many recent event ids each customer remembers to recognise a producer re-sending an event
   * under a new offset. Each costs about 14 bytes of state.
   */
  readonly recentEventIds: number;
}

export const DEFAULT_APPLY_OPTIONS: ApplyOptions = { recentEventIds: 32 };

/** A move of the current stage, caused by one event. */
export interface StageChange {
  /** Null when the customer is new. */
  readonly from: JourneyStage | null;
  readonly to: JourneyStage;
  /** Event time of the causing event, epoch ms. */
  readonly at: number;
  readonly causingEventId: string;
  readonly furthestStage: JourneyStage;
}

export type ApplyResult =
  | { readonly outcome: 'applied'; readonly state: JourneyState; readonly stageChange?: StageChange }
  | { readonly outcome: 'duplicate'; readonly state: JourneyState; readonly duplicate: DuplicateKind };

/**
 * Applies one event to the journey of its customer, exactly once in effect.
 *
 * Dedupe, per customer:
 * - a redelivery (offset at or below the highest offset applied from its topic-partition) is always
 *   recognised and leaves the state as it was;
 * - a producer duplicate (same eventId under a new offset) is recognised while its first copy is among
 *   the customer's `recentEventIds` most recently applied events; the state then only records the new
 *   offset. Beyond that window the copy is applied again, but all it can change are the counters
 *   (events per type, which include the review and referral counts, and the review rating sum):
 *   orders, refunds, incidents, subscriptions and acquisition cost are keyed by natural ids or by the
 *   event, and every time register keeps a min or max, so money and stages stay exact whatever the
 *   window.
 *
 * `stageChange` is set when the current stage differs before and after (see `assessStages`).
 * Never mutates `state`: the result is a new object that shares untouched parts with it.
 *
 * @throws CustomerTotalBoundError when the event would take one of the customer's money totals past
 *   `MAX_CUSTOMER_TOTAL_MINOR` (see `draftEventFacts`); the customer stays as `state` was.
 */
export function applyEvent(
  state: JourneyState | undefined,
  event: JourneyEvent,
  delivery: Delivery,
  options: ApplyOptions = DEFAULT_APPLY_OPTIONS,
): ApplyResult {
  const { recentEventIds } = options;
  if (!Number.isSafeInteger(recentEventIds) || recentEventIds < 0) {
    throw new RangeError(`recentEventIds must be a non-negative integer, got ${recentEventIds}`);
  }
  const fingerprint = eventFingerprint(event.eventId);
  const duplicate = findDuplicate(state, delivery, fingerprint);
  if (state !== undefined && duplicate === 'redelivery') return { outcome: 'duplicate', state, duplicate };
  if (state !== undefined && duplicate === 'event-id') {
    const bookkeeping = recordDelivery(state, delivery, fingerprint, undefined);
    return { outcome: 'duplicate', state: canonicalState({ ...state, ...bookkeeping }), duplicate };
  }

  // The facts draft is a fresh object: the bookkeeping goes straight into it, canonicalised once.
  const draft = draftEventFacts(state, event, fingerprint);
  const bookkeeping = recordDelivery(state, delivery, fingerprint, options);
  draft.wm = bookkeeping.wm;
  draft.ids = bookkeeping.ids;
  const next = canonicalState(draft);
  const from = state === undefined ? null : assessStages(state).current;
  const after = assessStages(next);
  if (from === after.current) return { outcome: 'applied', state: next };
  return {
    outcome: 'applied',
    state: next,
    stageChange: {
      from,
      to: after.current,
      at: event.occurredAt,
      causingEventId: event.eventId,
      furthestStage: after.furthest,
    },
  };
}
