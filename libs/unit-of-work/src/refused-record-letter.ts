import { DEAD_LETTER_HEADERS, DEAD_LETTER_TOPIC, DeadLetterEventV1 } from '@pipeline/contracts';
import type { OutboundMessage } from '@pipeline/kafka';
import { createHash } from 'node:crypto';
import { errorClass, errorMessage } from './failure-kind';
import type { RefusedRecord } from './publish-isolating';

/** What a replacement keeps of a refused record's value: enough to recognise it, never too much. */
const KEPT_VALUE_BYTES = 1024;
const KEPT_KEY_BYTES = 256;

/**
 * The dead letter that takes the place of an outgoing record the broker refused for good (a derived
 * event, or a dead letter that still did not fit): `PROCESSING_FAILED` at the `publish` step, the
 * topic it was bound for, the first bytes of its key and value with the value's size and SHA-256.
 * It is small whatever the record was, so the broker accepts it. Keyed by a digest of the record's
 * key, so no unbounded key ever reaches the partitioner.
 */
export function refusedRecordLetter({ message, error }: RefusedRecord, now: Date): OutboundMessage {
  const value = typeof message.value === 'string' ? Buffer.from(message.value, 'utf8') : message.value;
  const key = message.key === null ? null : Buffer.from(message.key, 'utf8');
  const letter: DeadLetterEventV1 = {
    reason: {
      code: 'PROCESSING_FAILED',
      field: 'publish',
      message: `${errorClass(error)}: ${errorMessage(error)}`.slice(0, 512),
    },
    source: { topic: message.topic, partition: -1, offset: '-1', timestamp: String(now.getTime()) },
    original: {
      keyBase64: key === null ? null : key.subarray(0, KEPT_KEY_BYTES).toString('base64'),
      valueBase64: value.subarray(0, KEPT_VALUE_BYTES).toString('base64'),
      valueBytes: value.length,
      valueSha256: createHash('sha256').update(value).digest('hex'),
      valueTruncated: value.length > KEPT_VALUE_BYTES,
      headers: {},
    },
    deadLetteredAt: now.toISOString(),
    schemaVersion: 1,
  };
  return {
    topic: DEAD_LETTER_TOPIC,
    key: key === null ? null : createHash('sha256').update(key).digest('hex'),
    value: JSON.stringify(letter),
    headers: {
      [DEAD_LETTER_HEADERS.reasonCode]: 'PROCESSING_FAILED',
      [DEAD_LETTER_HEADERS.sourceTopic]: message.topic,
    },
  };
}
