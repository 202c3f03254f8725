import { DeadLetterEventV1, Rejection } from '@pipeline/contracts';

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
 * Wraps a rejected message for `journey.dead-letter.v1`: the original key, value and headers byte
 * for byte (base64), where it came from, and why it was rejected.
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
      valueBase64: source.value === null ? null : source.value.toString('base64'),
      headers: source.headers,
    },
    deadLetteredAt: now.toISOString(),
    schemaVersion: 1,
  };
}
