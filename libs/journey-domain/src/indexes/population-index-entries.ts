import {
  CHURN_BANDS,
  INDEX_MEMBER_SEPARATOR,
  JOURNEY_STAGES,
  JourneyEvent,
  JourneyStage,
} from '@pipeline/contracts';
import { assessStages } from '../journey-stages';
import { JourneyState } from '../journey-state';
import { EmittedOutputs, parseEmittedOutputs } from '../outputs/emitted-outputs';
import { readJourneyState } from '../read-journey-state';

/**
 * The population indexes, each a set of members with a score:
 *
 *   `customers`        customerId                       score = first seen
 *   `stage:<stage>`    customerId                       score = first entered that stage
 *   `orders`           "<customerId> <orderId>"         score = placed at (not cancelled)
 *   `nps`              "<customerId> <eventId> <score>" score = answered at
 *   `clv`              customerId                       score = CLV in minor units
 *   `churn-band`       customerId                       score = 0 low, 1 medium, 2 high
 *   `churn-due`        customerId                       score = when time alone next changes the risk
 *
 * Members start with the customer id and join ids with {@link INDEX_MEMBER_SEPARATOR}.
 */
export type PopulationIndex =
  'customers' | 'orders' | 'nps' | 'clv' | 'churn-band' | 'churn-due' | `stage:${JourneyStage}`;

/** One change to a population index: add or move a member, or remove it. */
export type IndexEntryChange =
  | { readonly index: PopulationIndex; readonly op: 'set'; readonly member: string; readonly score: number }
  | { readonly index: PopulationIndex; readonly op: 'remove'; readonly member: string };

/**
 * The population index entries of one customer, rebuilt from the customer's state and outputs (and
 * the NPS answers among the batch's events). Written after every batch that touched the customer,
 * redeliveries included, so an index write lost to a crash is simply written again.
 */
export function indexEntriesFor(
  customerId: string,
  state: JourneyState,
  emitted: EmittedOutputs,
  events: readonly JourneyEvent[],
): IndexEntryChange[] {
  const member = (...parts: Array<string | number>): string => parts.join(INDEX_MEMBER_SEPARATOR);
  const changes: IndexEntryChange[] = [];
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
 * Every index entry a stored journey calls for (its state and emitted-outputs text as stored),
 * without the NPS answers, which follow the events rather than the state.
 * @throws UnreadableJourneyError when the stored state is unreadable: it must stop the writer loudly, never be indexed.
 */
export function storedJourneyIndexEntries(
  customerId: string,
  data: string,
  emitted: string | null,
): IndexEntryChange[] {
  return indexEntriesFor(customerId, readJourneyState(customerId, data), parseEmittedOutputs(emitted), []);
}
