import { Rejection } from '../parse/rejection';

/**
 * Headers on every dead letter, so tooling can filter by reason without parsing the value. The
 * message key is the original message's key, unchanged.
 */
export const DEAD_LETTER_HEADERS = {
  reasonCode: 'dlq-reason-code',
  sourceTopic: 'dlq-source-topic',
} as const;

/** Largest original value a dead letter carries whole (base64 grows it by a third). */
export const DEAD_LETTER_MAX_VALUE_BYTES = 256 * 1024;

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
  /**
   * The original message, base64-encoded: byte for byte up to {@link DEAD_LETTER_MAX_VALUE_BYTES};
   * a larger value (which would not fit in a dead letter under the broker's size limit) keeps its
   * first bytes, with its size and SHA-256, and stays whole in its source topic at `source`.
   */
  readonly original: {
    readonly keyBase64: string | null;
    readonly valueBase64: string | null;
    /** Size of the original value in bytes (0 for a null value). */
    readonly valueBytes: number;
    /** Hex SHA-256 of the original value, null for a null value. */
    readonly valueSha256: string | null;
    /** True when `valueBase64` holds only the first DEAD_LETTER_MAX_VALUE_BYTES bytes. */
    readonly valueTruncated: boolean;
    readonly headers: Readonly<Record<string, string>>;
  };
  readonly deadLetteredAt: string;
  readonly schemaVersion: 1;
}
