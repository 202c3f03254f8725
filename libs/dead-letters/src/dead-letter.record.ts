import {
  DEAD_LETTER_HEADERS,
  DEAD_LETTER_TOPIC,
  type DeadLetterEventV1,
  type Rejection,
  topicMessage,
} from '@pipeline/contracts';
import type { OutboundMessage } from '@pipeline/kafka';
import { boundedDeadLetterEvent, minimalDeadLetterEvent } from './bounded-dead-letter.event';
import type { DeadLetterSource } from './dead-letter-source';
import { sha256Hex } from './original-digest';

/**
 * What a dead-letter record needs under the broker's limit besides its JSON value: the record batch
 * header (61 bytes), the record's framing, its 64-character key and its two headers (the source topic
 * is at most 249 characters), with a wide margin.
 */
export const DEAD_LETTER_RECORD_OVERHEAD_BYTES = 4 * 1024;

/** A dead letter ready to publish, and the stand-in to publish if the broker refuses it. */
export interface DeadLetterRecord extends OutboundMessage {
  readonly value: string;
  /**
   * The {@link minimalDeadLetter} for the same message, to publish in this record's place when the
   * broker refuses it for good (`isRecordRefusal`).
   * @param cause why this record could not be written, e.g. the broker's error message
   */
  minimal(cause: string): OutboundMessage;
}

/**
 * The key of a dead letter: the hex SHA-256 of the original key (null for a null key). 64 characters
 * whatever the original, so the partitioner never hashes an unbounded key, and every dead letter of
 * one original key lands in the same partition.
 */
export function deadLetterKey(originalKey: Buffer | null): string | null {
  return originalKey === null ? null : sha256Hex(originalKey);
}

/** Bytes the dead letter's JSON may take for a broker limit of `maxMessageBytes` per record batch. */
export function deadLetterValueBudget(maxMessageBytes: number): number {
  return maxMessageBytes - DEAD_LETTER_RECORD_OVERHEAD_BYTES;
}

function record(source: DeadLetterSource, letter: DeadLetterEventV1): OutboundMessage & { value: string } {
  return topicMessage(DEAD_LETTER_TOPIC, deadLetterKey(source.key), letter, {
    [DEAD_LETTER_HEADERS.reasonCode]: letter.reason.code,
    [DEAD_LETTER_HEADERS.sourceTopic]: source.topic,
  });
}

/**
 * The `journey.dead-letter.v1` record for a rejected message, sized to fit under the broker's limit:
 * value as {@link boundedDeadLetterEvent} builds it within `deadLetterValueBudget(maxMessageBytes)`,
 * keyed by {@link deadLetterKey}, with the `dlq-reason-code` and `dlq-source-topic` headers. Publish
 * it with `KafkaPublisher` (the topic is logical; the publisher adds its prefix).
 *
 * @param source the rejected message; `source.topic` is the topic as the broker names it
 * @param maxMessageBytes the dead-letter topic's `max.message.bytes` (see `TopicMessageSizeLimit`)
 */
export function boundedDeadLetter(
  source: DeadLetterSource,
  reason: Rejection,
  now: Date,
  maxMessageBytes: number,
): DeadLetterRecord {
  const letter = boundedDeadLetterEvent(source, reason, now, deadLetterValueBudget(maxMessageBytes));
  return {
    ...record(source, letter),
    minimal: (cause: string) => minimalDeadLetter(source, reason, now, cause),
  };
}

/**
 * The minimal dead-letter record ({@link minimalDeadLetterEvent}: reason, source, sizes and digests,
 * no original bytes), keyed and headed like {@link boundedDeadLetter}'s. Publish it when the broker
 * refused the full dead letter, so the rejected message is still on record.
 *
 * @param cause why the full dead letter could not be written
 */
export function minimalDeadLetter(
  source: DeadLetterSource,
  reason: Rejection,
  now: Date,
  cause: string,
): OutboundMessage {
  return record(source, minimalDeadLetterEvent(source, reason, now, cause));
}
