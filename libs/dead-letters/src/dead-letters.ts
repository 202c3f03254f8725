import type { Rejection } from '@pipeline/contracts';
import {
  topicName,
  type InboundBatch,
  type InboundHeader,
  type InboundMessage,
  type OutboundMessage,
} from '@pipeline/kafka';
import { boundedDeadLetter, type DeadLetterRecord } from './dead-letter.record';
import type { DeadLetterSource } from './dead-letter-source';
import type { MessageSizeLimit } from './message-size-limit';

/** Options of {@link DeadLetters}. */
export interface DeadLettersOptions {
  /** The deployment's topic prefix (KAFKA_TOPIC_PREFIX): a dead letter names its source topic with it. */
  readonly topicPrefix: string;
  /** The dead-letter topic's record size limit. */
  readonly sizeLimit: MessageSizeLimit;
}

/**
 * Builds the dead letters of one deployment: knows its topic prefix and the dead-letter topic's size
 * limit, so a caller only says which message was rejected and why.
 *
 * @example
 * const deadLetters = new DeadLetters({ topicPrefix, sizeLimit: new TopicMessageSizeLimit(kafka, dlqTopic) });
 * rejected.push(deadLetters.forMessage(batch, message, admission.reason, now));
 */
export class DeadLetters {
  constructor(private readonly options: DeadLettersOptions) {}

  /**
   * The bounded dead-letter record ({@link boundedDeadLetter}) of one message of a batch.
   * @param batch the batch the message came in: its logical topic and partition
   */
  forMessage(
    batch: Pick<InboundBatch, 'topic' | 'partition'>,
    message: InboundMessage,
    reason: Rejection,
    now: Date,
  ): DeadLetterRecord {
    return boundedDeadLetter(this.sourceOf(batch, message), reason, now, this.options.sizeLimit.current());
  }

  /**
   * The dead letter to publish in place of an outgoing record the broker refused for good: a dead
   * letter's own minimal stand-in, or, for a derived event, a bounded dead letter of it (reason
   * `PROCESSING_FAILED` at the `publish` step, source the outbound topic, no partition or offset).
   * @param cause the broker's answer
   */
  forRefused(message: OutboundMessage, cause: string, now: Date): OutboundMessage {
    if (isDeadLetterRecord(message)) return message.minimal(cause);
    const text = (value: Buffer | string | null): Buffer | null =>
      value === null ? null : typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    const source: DeadLetterSource = {
      topic: topicName(this.options.topicPrefix, message.topic),
      logicalTopic: message.topic,
      partition: -1,
      offset: '-1',
      timestamp: String(now.getTime()),
      key: text(message.key),
      value: text(message.value),
      headers: Object.entries(message.headers ?? {}).map(([name, value]) => ({
        name,
        value: Buffer.from(value, 'utf8'),
      })),
    };
    const reason: Rejection = { code: 'PROCESSING_FAILED', field: 'publish', message: cause.slice(0, 1_000) };
    return boundedDeadLetter(source, reason, now, this.options.sizeLimit.current());
  }

  /** Where and what the message was, with the topic as the broker names it. */
  sourceOf(batch: Pick<InboundBatch, 'topic' | 'partition'>, message: InboundMessage): DeadLetterSource {
    return {
      topic: topicName(this.options.topicPrefix, batch.topic),
      logicalTopic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      timestamp: message.timestamp,
      key: message.key,
      value: message.value,
      headers: message.rawHeaders ?? headersFromText(message.headers),
    };
  }
}

function headersFromText(headers: Readonly<Record<string, string>>): InboundHeader[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value: Buffer.from(value, 'utf8') }));
}

function isDeadLetterRecord(message: OutboundMessage): message is DeadLetterRecord {
  return typeof (message as Partial<DeadLetterRecord>).minimal === 'function';
}
