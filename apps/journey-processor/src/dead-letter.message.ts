import { DEAD_LETTER_HEADERS, DEAD_LETTER_TOPIC, Rejection } from '@pipeline/contracts';
import { InboundBatch, InboundMessage, OutboundMessage } from '@pipeline/kafka';
import { buildDeadLetter } from './dead-letter.factory';

/** The `journey.dead-letter.v1` record of one rejected message of a batch, keyed like the original. */
export function deadLetterMessage(
  batch: Pick<InboundBatch, 'topic' | 'partition'>,
  message: InboundMessage,
  reason: Rejection,
  now: Date,
): OutboundMessage {
  const letter = buildDeadLetter({ ...message, topic: batch.topic, partition: batch.partition }, reason, now);
  return {
    topic: DEAD_LETTER_TOPIC,
    key: message.key === null ? null : message.key.toString('utf8'),
    value: JSON.stringify(letter),
    headers: {
      [DEAD_LETTER_HEADERS.reasonCode]: reason.code,
      [DEAD_LETTER_HEADERS.sourceTopic]: batch.topic,
    },
  };
}
