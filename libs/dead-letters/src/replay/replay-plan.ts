import { topicName, type InboundHeader } from '@pipeline/kafka';
import { headersSha256, sha256Hex } from '../original-digest';
import type { StoredBytes, StoredDeadLetter } from './stored-dead-letter';

/** An original to publish again, exactly as it was read. */
export interface ReplayRecord {
  /** The topic as the broker names it. */
  readonly topic: string;
  /** The partition it was read from: replay puts it back there, whatever its key. */
  readonly partition: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly InboundHeader[];
  /** The original's timestamp (epoch ms, decimal), so time-based checks decide as they first did. */
  readonly timestamp: string;
}

/** Why a dead letter's original cannot be replayed. */
export type NotReplayableCode =
  'TRUNCATED' | 'MINIMAL' | 'HEADERS_NOT_EXACT' | 'DIGEST_MISMATCH' | 'UNREADABLE';

/** Where an original was read, its topic named as the broker does. */
export interface OriginalAt {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type ReplayPlan =
  | {
      readonly kind: 'replay';
      readonly id: string;
      readonly source: OriginalAt;
      readonly record: ReplayRecord;
    }
  | {
      readonly kind: 'skip';
      readonly id: string;
      readonly source: OriginalAt;
      readonly code: NotReplayableCode;
      readonly why: string;
    };

/**
 * Identifies an original by where it was read: `<topic>/<partition>/<offset>`. Two dead letters of
 * the same original (one written again after a crash) share it.
 */
export function originalId(topic: string, partition: number, offset: string): string {
  return `${topic}/${partition}/${offset}`;
}

/**
 * The source topic as the broker names it. A dead letter written before `logicalTopic` existed named
 * its source by the logical name; under a topic prefix, the prefix is added back.
 */
export function physicalSourceTopic(letter: StoredDeadLetter, topicPrefix: string): string {
  const { topic, logicalTopic } = letter.source;
  if (logicalTopic !== undefined || topic.startsWith(topicPrefix)) return topic;
  return topicName(topicPrefix, topic);
}

function mismatch(part: string, stored: StoredBytes): string | undefined {
  if (stored.truncated)
    return `${part} truncated: ${stored.bytes?.length ?? 0} of ${stored.length ?? '?'} bytes kept`;
  if (stored.sha256 === undefined) return undefined;
  const actual = stored.bytes === null ? null : sha256Hex(stored.bytes);
  return actual === stored.sha256 ? undefined : `${part} does not match its recorded SHA-256`;
}

/**
 * Whether a dead letter's original can be published again byte for byte, and if so the record to
 * publish. It cannot when the dead letter kept only a prefix of the key, value or headers (the whole
 * record may still be in its source topic at the recorded offset, within the topic's retention), is a
 * minimal stand-in, holds headers only as UTF-8 text that lost bytes (U+FFFD), or its bytes do not
 * match their recorded digests.
 */
export function planReplay(letter: StoredDeadLetter, topicPrefix: string): ReplayPlan {
  const topic = physicalSourceTopic(letter, topicPrefix);
  const { partition, offset, timestamp } = letter.source;
  const id = originalId(topic, partition, offset);
  const source = { topic, partition, offset };
  const at = `${topic} partition ${partition} offset ${offset}`;
  const skip = (code: NotReplayableCode, why: string): ReplayPlan => ({
    kind: 'skip',
    id,
    source,
    code,
    why,
  });

  if (letter.fallback !== undefined)
    return skip(
      'MINIMAL',
      `minimal stand-in, no original bytes kept (${letter.fallback}); the original is at ${at}`,
    );
  for (const [part, stored] of [
    ['key', letter.key],
    ['value', letter.value],
  ] as const) {
    const problem = mismatch(part, stored);
    if (problem)
      return skip(stored.truncated ? 'TRUNCATED' : 'DIGEST_MISMATCH', `${problem}; the original is at ${at}`);
  }
  if (letter.headersTruncated)
    return skip(
      'TRUNCATED',
      `headers truncated: ${letter.headers.length} of ${letter.headerCount} kept; the original is at ${at}`,
    );
  if (!letter.headersExact && letter.headers.some((h) => h.value?.toString('utf8').includes('\ufffd')))
    return skip(
      'HEADERS_NOT_EXACT',
      `headers were kept as UTF-8 text and lost bytes; the original is at ${at}`,
    );
  if (letter.headersSha256 !== undefined && headersSha256(letter.headers) !== letter.headersSha256)
    return skip('DIGEST_MISMATCH', `headers do not match their recorded SHA-256; the original is at ${at}`);

  return {
    kind: 'replay',
    id,
    source,
    record: {
      topic,
      partition,
      key: letter.key.bytes,
      value: letter.value.bytes,
      headers: letter.headers,
      timestamp,
    },
  };
}
