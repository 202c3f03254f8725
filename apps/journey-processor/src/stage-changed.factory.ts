import { OUTBOUND_TOPICS, StageChangedEventV1 } from '@pipeline/contracts';
import { StageChange, derivedEventId } from '@pipeline/journey-domain';
import { OutboxEntry } from '@pipeline/redis-store';

/** The outbox entry for `customer.stage-changed.v1`, with an id downstream can dedupe on. */
export function stageChangedEntry(customerId: string, change: StageChange): OutboxEntry {
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
  return { id: eventId, topic: OUTBOUND_TOPICS.stageChanged, key: customerId, value: JSON.stringify(event) };
}
