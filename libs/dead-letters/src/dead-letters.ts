import type { Rejection } from '@pipeline/contracts';
import { topicName, type InboundBatch, type InboundHeader, type InboundMessage } from '@pipeline/kafka';
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
