import { OUTBOUND_TOPICS, StageChangedEventV1, topicMessage } from '@pipeline/contracts';
import { StageChange } from '../apply-event';
import { derivedEventId } from '../derived-event-id';
import { DerivedOutputs } from './derive-outputs';

/**
 * A derived event ready to leave: its id (unique per customer), the outbound topic, the key (the
 * customer's id) and the JSON value. The domain decides and builds these; adapters store and send
 * them as they are.
 */
export interface DerivedRecord {
  readonly id: string;
  readonly topic: string;
  readonly key: string | null;
  /** Null: a tombstone, which removes the key from a compacted topic (`customer.profile.v1`). */
  readonly value: string | null;
}

/** `customer.stage-changed.v1` for one stage change, with an id downstream can dedupe on. */
export function stageChangedRecord(customerId: string, change: StageChange): DerivedRecord {
  const eventId = derivedEventId('stage-changed', customerId, change.causingEventId);
  const event: StageChangedEventV1 = {
    eventId,
    customerId,
    from: change.from,
    to: change.to,
    at: new Date(change.at).toISOString(),
    causingEventId: change.causingEventId,
    furthestStage: change.furthestStage,
    schemaVersion: 1,
  };
  return { id: eventId, ...topicMessage(OUTBOUND_TOPICS.stageChanged, customerId, event) };
}

/** The `customer.clv.v1` and `customer.churn-risk.v1` records of one derivation, in that order. */
export function outputRecords(customerId: string, outputs: DerivedOutputs): DerivedRecord[] {
  const records: DerivedRecord[] = [];
  if (outputs.clvEvent) {
    records.push({
      id: outputs.clvEvent.eventId,
      ...topicMessage(OUTBOUND_TOPICS.clv, customerId, outputs.clvEvent),
    });
  }
  if (outputs.churnEvent) {
    records.push({
      id: outputs.churnEvent.eventId,
      ...topicMessage(OUTBOUND_TOPICS.churnRisk, customerId, outputs.churnEvent),
    });
  }
  return records;
}
