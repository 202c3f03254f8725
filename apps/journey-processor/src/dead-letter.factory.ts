import { DEAD_LETTER_MAX_VALUE_BYTES, DeadLetterEventV1, Rejection } from '@pipeline/contracts';
import { createHash } from 'node:crypto';

export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Wraps a rejected message for `journey.dead-letter.v1`: the original key, value and headers
 * (base64), where it came from, and why it was rejected. A value too large to travel whole inside a
 * dead letter (it would exceed the broker's message size and stall the partition on retries) keeps
 * its first bytes, its size and its SHA-256; the whole value stays in the source topic.
 */
export function buildDeadLetter(source: DeadLetterSource, reason: Rejection, now: Date): DeadLetterEventV1 {
  return {
    reason,
    source: {
      topic: source.topic,
      partition: source.partition,
      offset: source.offset,
      timestamp: source.timestamp,
    },
    original: {
      keyBase64: source.key === null ? null : source.key.toString('base64'),
      valueBase64:
        source.value === null
          ? null
          : source.value.subarray(0, DEAD_LETTER_MAX_VALUE_BYTES).toString('base64'),
      valueBytes: source.value?.length ?? 0,
      valueSha256: source.value === null ? null : createHash('sha256').update(source.value).digest('hex'),
      valueTruncated: (source.value?.length ?? 0) > DEAD_LETTER_MAX_VALUE_BYTES,
      headers: source.headers,
    },
    deadLetteredAt: now.toISOString(),
    schemaVersion: 1,
  };
}
