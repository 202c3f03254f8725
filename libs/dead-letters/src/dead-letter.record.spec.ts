import { DEAD_LETTER_HEADERS, DEAD_LETTER_TOPIC, type DeadLetterEventV1 } from '@pipeline/contracts';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { DEAD_LETTER_MAX_REASON_CHARS } from './bounded-dead-letter.event';
import type { DeadLetterSource } from './dead-letter-source';
import {
  DEAD_LETTER_RECORD_OVERHEAD_BYTES,
  boundedDeadLetter,
  deadLetterKey,
  minimalDeadLetter,
} from './dead-letter.record';
import { headersSha256 } from './original-digest';

const LIMIT = 1_048_588;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const reason = { code: 'NOT_JSON', message: 'value is not JSON' } as const;
const now = new Date('2026-03-01T12:00:00.000Z');

function source(overrides: Partial<DeadLetterSource> = {}): DeadLetterSource {
  return {
    topic: 'staging.journey.awareness.v1',
    logicalTopic: 'journey.awareness.v1',
    partition: 2,
    offset: '41',
    timestamp: '1767225600000',
    key: Buffer.from('cust-1'),
    value: Buffer.from('{"not":"an event"}'),
    headers: [{ name: 'trace', value: Buffer.from('t-1') }],
    ...overrides,
  };
}

const letterOf = (value: string): DeadLetterEventV1 => JSON.parse(value) as DeadLetterEventV1;
const bytesOf = (base64: string | null) => (base64 === null ? null : Buffer.from(base64, 'base64'));
/** What the broker counts against max.message.bytes for a record alone in its batch, roughly. */
const recordBytes = (r: { key: string | null; value: string; headers?: Readonly<Record<string, string>> }) =>
  61 +
  32 +
  Buffer.byteLength(r.key ?? '') +
  Buffer.byteLength(r.value) +
  Object.entries(r.headers ?? {}).reduce(
    (s, [k, v]) => s + Buffer.byteLength(k) + Buffer.byteLength(v) + 10,
    0,
  );

describe(boundedDeadLetter.name, () => {
  it('keeps a message that fits byte for byte, under its source topic as the broker names it', () => {
    const original = source({ value: Buffer.from([0x7b, 0xff, 0x00]) });
    const record = boundedDeadLetter(original, reason, now, LIMIT);
    const letter = letterOf(record.value);

    expect(record.topic).toBe(DEAD_LETTER_TOPIC);
    expect(record.headers).toEqual({
      [DEAD_LETTER_HEADERS.reasonCode]: 'NOT_JSON',
      [DEAD_LETTER_HEADERS.sourceTopic]: 'staging.journey.awareness.v1',
    });
    expect(letter.source).toEqual({
      topic: 'staging.journey.awareness.v1',
      logicalTopic: 'journey.awareness.v1',
      partition: 2,
      offset: '41',
      timestamp: '1767225600000',
    });
    expect(bytesOf(letter.original.valueBase64)).toEqual(Buffer.from([0x7b, 0xff, 0x00]));
    expect(bytesOf(letter.original.keyBase64)).toEqual(Buffer.from('cust-1'));
    expect(letter.original).toMatchObject({
      keyBytes: 6,
      keySha256: sha256(Buffer.from('cust-1')),
      keyTruncated: false,
      valueBytes: 3,
      valueSha256: sha256(Buffer.from([0x7b, 0xff, 0x00])),
      valueTruncated: false,
      headers: { trace: 't-1' },
      headersBase64: [{ name: 'trace', valueBase64: Buffer.from('t-1').toString('base64') }],
      headerCount: 1,
      headersBytes: 8,
      headersTruncated: false,
    });
    expect(letter.fallback).toBeUndefined();
    expect(letter.deadLetteredAt).toBe('2026-03-01T12:00:00.000Z');
  });

  it('keys the dead letter by the SHA-256 of the original key, never the key itself', () => {
    expect(boundedDeadLetter(source(), reason, now, LIMIT).key).toBe(sha256(Buffer.from('cust-1')));
    expect(boundedDeadLetter(source({ key: null }), reason, now, LIMIT).key).toBeNull();
    expect(deadLetterKey(Buffer.alloc(400 * 1024, 1))).toHaveLength(64);
  });

  it('keeps binary header bytes exactly, repeated names and null values included', () => {
    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]);
    const headers = [
      { name: 'bin', value: binary },
      { name: 'dup', value: Buffer.from('first') },
      { name: 'dup', value: Buffer.from('second') },
      { name: 'none', value: null },
    ];
    const letter = letterOf(boundedDeadLetter(source({ headers }), reason, now, LIMIT).value);

    expect(
      letter.original.headersBase64.map((h) => ({ name: h.name, value: bytesOf(h.valueBase64) })),
    ).toEqual(headers);
    expect(letter.original).toMatchObject({
      headerCount: 4,
      headersBytes: 3 + 5 + 3 + 5 + 3 + 6 + 4,
      headersSha256: headersSha256(headers),
      headersTruncated: false,
    });
    // The readable map is lossy by nature (last value wins, U+FFFD for non-UTF-8), the list is not.
    expect(letter.original.headers).toEqual({ bin: binary.toString('utf8'), dup: 'second' });
  });

  it('digests headers so that order, names and null values all count', () => {
    const a = { name: 'a', value: Buffer.from('1') };
    const b = { name: 'b', value: Buffer.from('2') };
    expect(headersSha256([a, b])).not.toBe(headersSha256([b, a]));
    expect(headersSha256([{ name: 'ab', value: Buffer.from('') }])).not.toBe(
      headersSha256([{ name: 'a', value: Buffer.from('b') }]),
    );
    expect(headersSha256([{ name: 'a', value: null }])).not.toBe(
      headersSha256([{ name: 'a', value: Buffer.alloc(0) }]),
    );
  });

  it('fits a 400 KB key and a 400 KB value under the limit with a prefix, size and digest of each', () => {
    const key = Buffer.alloc(400 * 1024, 0x6b);
    const value = Buffer.alloc(400 * 1024, 0x76);
    const record = boundedDeadLetter(source({ key, value }), reason, now, LIMIT);
    const letter = letterOf(record.value);

    expect(recordBytes(record)).toBeLessThanOrEqual(LIMIT);
    expect(Buffer.byteLength(record.value)).toBeGreaterThan(LIMIT - 2 * DEAD_LETTER_RECORD_OVERHEAD_BYTES);
    expect(letter.original).toMatchObject({
      keyBytes: key.length,
      keySha256: sha256(key),
      keyTruncated: true,
      valueBytes: value.length,
      valueSha256: sha256(value),
      valueTruncated: true,
      headersTruncated: false,
    });
    const keptKey = bytesOf(letter.original.keyBase64)!;
    const keptValue = bytesOf(letter.original.valueBase64)!;
    expect(keptKey.length).toBeGreaterThan(300 * 1024);
    expect(keptValue.length).toBeGreaterThan(300 * 1024);
    expect(keptKey.equals(key.subarray(0, keptKey.length))).toBe(true);
    expect(keptValue.equals(value.subarray(0, keptValue.length))).toBe(true);
    expect(record.key).toBe(sha256(key));
  });

  it('keeps the small parts whole beside a huge one', () => {
    const value = Buffer.alloc(2 * 1024 * 1024, 0x61);
    const letter = letterOf(boundedDeadLetter(source({ value }), reason, now, LIMIT).value);
    expect(letter.original).toMatchObject({
      keyTruncated: false,
      headersTruncated: false,
      valueTruncated: true,
    });
    expect(bytesOf(letter.original.keyBase64)).toEqual(Buffer.from('cust-1'));
  });

  it('keeps the first headers whole when all of them do not fit', () => {
    const headers = Array.from({ length: 8 }, (_, i) => ({
      name: `h${i}`,
      value: Buffer.alloc(200 * 1024, i),
    }));
    const record = boundedDeadLetter(source({ headers }), reason, now, LIMIT);
    const letter = letterOf(record.value);

    expect(recordBytes(record)).toBeLessThanOrEqual(LIMIT);
    expect(letter.original.headersTruncated).toBe(true);
    expect(letter.original.headerCount).toBe(8);
    expect(letter.original.headersBase64.length).toBeGreaterThan(0);
    letter.original.headersBase64.forEach((h, i) => {
      expect(h.name).toBe(headers[i].name);
      expect(bytesOf(h.valueBase64)!.equals(headers[i].value)).toBe(true);
    });
    // The readable copy holds as many of the kept headers, in order, as there was room for.
    const readable = Object.keys(letter.original.headers);
    expect(readable).toEqual(letter.original.headersBase64.slice(0, readable.length).map((h) => h.name));
  });

  it('fits under a small topic limit too', () => {
    const record = boundedDeadLetter(
      source({ key: Buffer.alloc(50_000, 1), value: Buffer.alloc(50_000, 2) }),
      reason,
      now,
      16 * 1024,
    );
    expect(recordBytes(record)).toBeLessThanOrEqual(16 * 1024);
    expect(letterOf(record.value).original).toMatchObject({ keyTruncated: true, valueTruncated: true });
  });

  it('stays under any limit it can meet, whatever the message', () => {
    const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));
    fc.assert(
      fc.property(
        fc.option(bytes(40_000), { nil: null }),
        fc.option(bytes(40_000), { nil: null }),
        fc.array(
          fc.record({ name: fc.string({ maxLength: 20 }), value: fc.option(bytes(5_000), { nil: null }) }),
          {
            maxLength: 6,
          },
        ),
        fc.integer({ min: 8 * 1024, max: 80 * 1024 }),
        (key, value, headers, limit) => {
          const record = boundedDeadLetter(source({ key, value, headers }), reason, now, limit);
          expect(recordBytes(record)).toBeLessThanOrEqual(limit);
          const { original } = letterOf(record.value);
          const keptWholeOrPrefix = (kept: string | null, whole: Buffer | null, truncated: boolean) => {
            if (whole === null) return kept === null && !truncated;
            const bytes = bytesOf(kept)!;
            return truncated
              ? bytes.length < whole.length && bytes.equals(whole.subarray(0, bytes.length))
              : bytes.equals(whole);
          };
          expect(keptWholeOrPrefix(original.keyBase64, key, original.keyTruncated)).toBe(true);
          expect(keptWholeOrPrefix(original.valueBase64, value, original.valueTruncated)).toBe(true);
          expect(original.headersBase64.length).toBeLessThanOrEqual(headers.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('cuts a very long reason message', () => {
    const long = { code: 'INVALID_FIELD', field: 'x'.repeat(10_000), message: 'm'.repeat(100_000) } as const;
    const letter = letterOf(boundedDeadLetter(source(), long, now, LIMIT).value);
    expect(letter.reason.message).toHaveLength(DEAD_LETTER_MAX_REASON_CHARS);
    expect(letter.reason.message.endsWith('…')).toBe(true);
    expect(letter.reason.field!.length).toBeLessThanOrEqual(256);
  });

  it('describes null key and value', () => {
    const letter = letterOf(
      boundedDeadLetter(source({ key: null, value: null, headers: [] }), reason, now, LIMIT).value,
    );
    expect(letter.original).toMatchObject({
      keyBase64: null,
      keyBytes: 0,
      keySha256: null,
      keyTruncated: false,
      valueBase64: null,
      valueBytes: 0,
      valueSha256: null,
      valueTruncated: false,
      headers: {},
      headersBase64: [],
      headerCount: 0,
      headersTruncated: false,
    });
  });

  it('offers its minimal stand-in', () => {
    const record = boundedDeadLetter(source(), reason, now, LIMIT);
    const stand = record.minimal('MESSAGE_TOO_LARGE');
    expect(letterOf(String(stand.value)).fallback).toBe('MESSAGE_TOO_LARGE');
    expect(stand.key).toBe(record.key);
  });
});

describe(minimalDeadLetter.name, () => {
  it('keeps reason, prefixed source, sizes and digests, and no original bytes', () => {
    const key = Buffer.alloc(400 * 1024, 0x6b);
    const value = Buffer.alloc(400 * 1024, 0x76);
    const headers = [{ name: 'bin', value: Buffer.from([0, 255]) }];
    const record = minimalDeadLetter(source({ key, value, headers }), reason, now, 'x'.repeat(5_000));
    const letter = letterOf(String(record.value));

    expect(Buffer.byteLength(String(record.value))).toBeLessThan(4_096);
    expect(record.key).toBe(sha256(key));
    expect(record.headers?.[DEAD_LETTER_HEADERS.sourceTopic]).toBe('staging.journey.awareness.v1');
    expect(letter.reason).toEqual(reason);
    expect(letter.source.topic).toBe('staging.journey.awareness.v1');
    expect(letter.fallback!.length).toBeLessThanOrEqual(500);
    expect(letter.original).toEqual({
      keyBase64: '',
      keyBytes: key.length,
      keySha256: sha256(key),
      keyTruncated: true,
      valueBase64: '',
      valueBytes: value.length,
      valueSha256: sha256(value),
      valueTruncated: true,
      headers: {},
      headersBase64: [],
      headerCount: 1,
      headersBytes: 5,
      headersSha256: headersSha256(headers),
      headersTruncated: true,
    });
  });
});
