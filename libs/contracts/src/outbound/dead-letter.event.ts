import { Rejection } from '../parse/rejection';

/**
 * Headers on every dead letter, so tooling can filter by reason without parsing the value. The
 * message key is the original message's key, unchanged.
 */
export const DEAD_LETTER_HEADERS = {
  reasonCode: 'dlq-reason-code',
  sourceTopic: 'dlq-source-topic',
} as const;

/** `journey.dead-letter.v1`: a message the pipeline could not accept, with everything needed to replay it. */
export interface DeadLetterEventV1 {
  readonly reason: Rejection;
  readonly source: {
    readonly topic: string;
    readonly partition: number;
    /** Kafka offsets are 64-bit: kept as a decimal string. */
    readonly offset: string;
    /** Broker append (or create) time of the original message, epoch milliseconds as a string. */
    readonly timestamp: string;
  };
  /** The original message, byte for byte, base64-encoded. */
  readonly original: {
    readonly keyBase64: string | null;
    readonly valueBase64: string | null;
    readonly headers: Readonly<Record<string, string>>;
  };
  readonly deadLetteredAt: string;
  readonly schemaVersion: 1;
}
