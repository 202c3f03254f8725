import type { OutboundMessage } from '@pipeline/kafka';
import { FailureKind } from './failure-kind';

/** A record the broker refused for good, and its answer. */
export interface RefusedRecord {
  readonly message: OutboundMessage;
  readonly error: unknown;
}

/**
 * Publishes the records and returns those the broker refused for good (too large, invalid): a
 * refusal of one record never blocks the others. On such an answer the records are sent again in
 * halves, down to the record that is refused on its own. Transient and unknown failures are thrown
 * for the caller to retry. Records of a request that failed may have been appended for some
 * partitions, so a record can be sent twice: dead letters and derived events carry ids to dedupe on.
 */
export async function publishIsolating(
  publish: (messages: readonly OutboundMessage[]) => Promise<void>,
  messages: readonly OutboundMessage[],
  classify: (error: unknown) => FailureKind,
): Promise<RefusedRecord[]> {
  if (messages.length === 0) return [];
  try {
    await publish(messages);
    return [];
  } catch (error) {
    if (classify(error) !== 'deterministic') throw error;
    const [only] = messages;
    if (messages.length === 1 && only !== undefined) return [{ message: only, error }];
    const middle = Math.ceil(messages.length / 2);
    const left = await publishIsolating(publish, messages.slice(0, middle), classify);
    const right = await publishIsolating(publish, messages.slice(middle), classify);
    return [...left, ...right];
  }
}
