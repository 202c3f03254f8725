import { profileTombstone } from '@pipeline/journey-domain';
import { OutboundMessage } from '@pipeline/kafka';

/**
 * The `customer.profile.v1` tombstone of one erased id: a null value under its key, so the log cleaner
 * removes the id's profiles, then the tombstone itself after the topic's `delete.retention.ms`.
 */
export function profileTombstoneMessage(customerId: string, erasedAt: number): OutboundMessage {
  const { topic, key } = profileTombstone(customerId, `erased-${erasedAt}`);
  return { topic, key, value: null };
}
