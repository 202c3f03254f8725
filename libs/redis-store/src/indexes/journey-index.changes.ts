import { CHURN_BANDS, JOURNEY_STAGES, JourneyEvent } from '@pipeline/contracts';
import {
  EmittedOutputs,
  JourneyState,
  assessStages,
  parseEmittedOutputs,
  readJourneyState,
} from '@pipeline/journey-domain';
import { INDEX_MEMBER_SEPARATOR } from './journey-index.keys';
import { IndexChange } from './journey-index.repository';

/**
 * The population index entries of one customer, rebuilt from the customer's state and outputs (and
 * the NPS answers among the batch's events). Written after every batch that touched the customer,
 * redeliveries included, so an index write lost to a crash is simply written again.
 */
export function indexChangesFor(
  customerId: string,
  state: JourneyState,
  emitted: EmittedOutputs,
  events: readonly JourneyEvent[],
): IndexChange[] {
  const member = (...parts: Array<string | number>): string => parts.join(INDEX_MEMBER_SEPARATOR);
  const changes: IndexChange[] = [];
  changes.push({ index: 'customers', op: 'set', member: customerId, score: state.seen[0] });
  const { entered } = assessStages(state);
  for (const stage of JOURNEY_STAGES) {
    const firstEnteredAt = entered[stage]?.firstEnteredAt;
    if (firstEnteredAt !== undefined) {
      changes.push({ index: `stage:${stage}`, op: 'set', member: customerId, score: firstEnteredAt });
    }
  }
  for (const [orderId, [placedAt]] of Object.entries(state.ord ?? {})) {
    const cancelled = state.cxl !== undefined && Object.prototype.hasOwnProperty.call(state.cxl, orderId);
    changes.push(
      cancelled
        ? { index: 'orders', op: 'remove', member: member(customerId, orderId) }
        : { index: 'orders', op: 'set', member: member(customerId, orderId), score: placedAt },
    );
  }
  for (const event of events) {
    if (event.type === 'nps_response') {
      changes.push({
        index: 'nps',
        op: 'set',
        member: member(customerId, event.eventId, event.properties.score),
        score: event.occurredAt,
      });
    }
  }
  if (!emitted.clv) changes.push({ index: 'clv', op: 'remove', member: customerId });
  if (!emitted.churn) {
    changes.push({ index: 'churn-band', op: 'remove', member: customerId });
    changes.push({ index: 'churn-due', op: 'remove', member: customerId });
  }
  if (emitted.clv) {
    changes.push({
      index: 'clv',
      op: 'set',
      member: customerId,
      score: emitted.clv.predictiveMinor ?? emitted.clv.simpleMinor,
    });
  }
  if (emitted.churn) {
    changes.push({
      index: 'churn-band',
      op: 'set',
      member: customerId,
      score: CHURN_BANDS.indexOf(emitted.churn.band),
    });
    const due = emitted.churn.nextReviewAt;
    changes.push(
      due === null
        ? { index: 'churn-due', op: 'remove', member: customerId }
        : { index: 'churn-due', op: 'set', member: customerId, score: due },
    );
  }
  return changes;
}

/**
 * Every index entry a stored journey calls for (its state and emitted-outputs text as read from the
 * hash), without the NPS answers, which follow the events rather than the state.
 * @throws UnreadableJourneyError when the stored state is unreadable: it must stop the writer loudly, never be indexed.
 */
export function storedJourneyIndexChanges(
  customerId: string,
  data: string,
  emitted: string | null,
): IndexChange[] {
  return indexChangesFor(customerId, readJourneyState(customerId, data), parseEmittedOutputs(emitted), []);
}
