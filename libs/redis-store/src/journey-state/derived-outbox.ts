import { OUTBOUND_TOPICS } from '@pipeline/contracts';
import { DerivedOutputs } from '@pipeline/journey-domain';
import { OutboxEntry } from './journey-state.types';

/** The outbox entries of a customer's CLV and churn-risk events, if any were decided. */
export function derivedOutboxEntries(customerId: string, outputs: DerivedOutputs): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  if (outputs.clvEvent) {
    entries.push({
      id: outputs.clvEvent.eventId,
      topic: OUTBOUND_TOPICS.clv,
      key: customerId,
      value: JSON.stringify(outputs.clvEvent),
    });
  }
  if (outputs.churnEvent) {
    entries.push({
      id: outputs.churnEvent.eventId,
      topic: OUTBOUND_TOPICS.churnRisk,
      key: customerId,
      value: JSON.stringify(outputs.churnEvent),
    });
  }
  return entries;
}
