import { Rejection } from '../parse/rejection';

/**
 * Headers on every dead letter, so tooling can filter by reason without parsing the value:
 * `dlq-reason-code` is `reason.code`, `dlq-source-topic` is `source.topic` (the broker's name, topic
 * prefix included). The message key is the hex SHA-256 of the original key (null for a null key): a
 * fixed 64 characters whatever the original key, and the same for every dead letter of one key.
 */
export const DEAD_LETTER_HEADERS = {
  reasonCode: 'dlq-reason-code',
  sourceTopic: 'dlq-source-topic',
} as const;

/** One header of the original message, byte for byte. */
export interface DeadLetterHeaderV1 {
  readonly name: string;
  /** The value's bytes, base64; null for a header whose value is null. */
  readonly valueBase64: string | null;
}

/**
 * `journey.dead-letter.v1`: a message the pipeline could not accept, with everything needed to replay
 * it. A dead letter always fits under the broker's message size limit: the original key, value and
 * headers travel byte for byte when they fit, else a prefix of each (`*Truncated: true`) with its
 * full size and SHA-256, and the whole original stays in its source topic at `source`.
 */
export interface DeadLetterEventV1 {
  readonly reason: Rejection;
  readonly source: {
    /** The topic the original was read from as the broker names it (topic prefix included). */
    readonly topic: string;
    /** The same topic's contract name, without the deployment's topic prefix. */
    readonly logicalTopic: string;
    readonly partition: number;
    /** Kafka offsets are 64-bit: kept as a decimal string. */
    readonly offset: string;
    /** Broker append (or create) time of the original message, epoch milliseconds as a string. */
    readonly timestamp: string;
  };
  /** The original message, base64-encoded (see the interface's description for what is kept). */
  readonly original: {
    /** The key, or its first bytes when `keyTruncated`; null for a null key. */
    readonly keyBase64: string | null;
    /** Size of the original key in bytes (0 for a null key). */
    readonly keyBytes: number;
    /** Hex SHA-256 of the original key, null for a null key. */
    readonly keySha256: string | null;
    readonly keyTruncated: boolean;
    /** The value, or its first bytes when `valueTruncated`; null for a null value. */
    readonly valueBase64: string | null;
    /** Size of the original value in bytes (0 for a null value). */
    readonly valueBytes: number;
    /** Hex SHA-256 of the original value, null for a null value. */
    readonly valueSha256: string | null;
    readonly valueTruncated: boolean;
    /**
     * The headers kept whole, their values decoded as UTF-8 for reading (bytes that are not UTF-8
     * show as U+FFFD; a repeated name keeps its last value). `headersBase64` has the exact bytes.
     */
    readonly headers: Readonly<Record<string, string>>;
    /** The headers byte for byte, in order, repeated names included: all, or the first ones when `headersTruncated`. */
    readonly headersBase64: readonly DeadLetterHeaderV1[];
    /** How many headers the original had. */
    readonly headerCount: number;
    /** Total bytes of the original's header names and values. */
    readonly headersBytes: number;
    /**
     * Hex SHA-256 of the original's headers, each as: name length (uint32 big-endian), name bytes
     * (UTF-8), value length (int32 big-endian, -1 for null), value bytes.
     */
    readonly headersSha256: string;
    readonly headersTruncated: boolean;
  };
  /**
   * Set only on the minimal stand-in written when the broker refused the full dead letter: why. The
   * stand-in keeps the reason, the source, and the sizes and digests of the original, no bytes of it.
   */
  readonly fallback?: string;
  readonly deadLetteredAt: string;
  readonly schemaVersion: 1;
}
