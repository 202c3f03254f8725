import { CustomerErasedEventV1, OUTBOUND_TOPICS, topicMessage } from '@pipeline/contracts';
import { derivedEventId } from '@pipeline/journey-domain';
import { OutboundMessage } from '@pipeline/kafka';

/**
 * The `customer.erased.v1` record of one erased id, keyed by it. Its eventId derives from the id and
 * the first erasure time, so running the same erasure again publishes the very same event.
 */
export function customerErasedMessage(customerId: string, erasedAt: number): OutboundMessage {
  const event: CustomerErasedEventV1 = {
    eventId: derivedEventId('customer-erased', customerId, String(erasedAt)),
    customerId,
    erasedAt: new Date(erasedAt).toISOString(),
    schemaVersion: 1,
  };
  return topicMessage(OUTBOUND_TOPICS.customerErased, customerId, event);
}
