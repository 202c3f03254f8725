import { Rejection } from '@pipeline/contracts';
import {
  DeadLetterRecord,
  DeadLetters,
  FixedMessageSizeLimit,
  KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
} from '@pipeline/dead-letters';
import { InboundBatch, InboundMessage } from '@pipeline/kafka';

/**
 * The `DeadLetters` used when a caller passes none: the processor's own (KAFKA_TOPIC_PREFIX, and the
 * dead-letter topic's size limit read from the broker) once `startJourneyProcessor` has set it, else
 * no prefix and Kafka's default limit.
 *
 * A bridge, process-wide: the batch services should get `DeadLetters` injected (the module provides
 * it) and pass it as the last argument; then this default goes.
 */
let processWide = new DeadLetters({
  topicPrefix: '',
  sizeLimit: new FixedMessageSizeLimit(KAFKA_DEFAULT_MAX_MESSAGE_BYTES),
});

/** Makes `deadLetters` the default of {@link deadLetterMessage} in this process. */
export function useDeadLetters(deadLetters: DeadLetters): void {
  processWide = deadLetters;
}

/**
 * The `journey.dead-letter.v1` record of one rejected message of a batch: bounded under the broker's
 * size limit, its source topic named with the topic prefix, keyed by the SHA-256 of the original key
 * (see `@pipeline/dead-letters`).
 */
export function deadLetterMessage(
  batch: Pick<InboundBatch, 'topic' | 'partition'>,
  message: InboundMessage,
  reason: Rejection,
  now: Date,
  deadLetters: DeadLetters = processWide,
): DeadLetterRecord {
  return deadLetters.forMessage(batch, message, reason, now);
}
