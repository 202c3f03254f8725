import type { DeadLetterEventV1, DeadLetterHeaderV1, Rejection } from '@pipeline/contracts';
import type { DeadLetterSource } from './dead-letter-source';
import { headersByteLength, headersSha256, sha256Hex } from './original-digest';

/** Longest `reason.message` a dead letter carries, in characters; a longer one is cut and ends in "…". */
export const DEAD_LETTER_MAX_REASON_CHARS = 2_000;
const MAX_FIELD_CHARS = 256;
const MAX_FALLBACK_CHARS = 500;
/** Rounds of "build, measure, shrink" before settling for a letter that keeps no original bytes. */
const FIT_ATTEMPTS = 4;

/** What is known of the original once, whatever is kept of it. */
interface Original {
  readonly source: DeadLetterSource;
  readonly keySha256: string | null;
  readonly valueSha256: string | null;
  readonly headers: readonly HeaderEntry[];
  readonly headersBytes: number;
  readonly headersSha256: string;
}

interface HeaderEntry {
  readonly json: DeadLetterHeaderV1;
  /** The value as UTF-8 text for the readable `headers` map; null for a null value. */
  readonly text: string | null;
  /** Bytes the entry adds to the letter's JSON in `headersBase64`. */
  readonly cost: number;
  /** Bytes its text adds in the readable `headers` map (UTF-8 escapes can make it six times the value). */
  readonly textCost: number;
}

/**
 * How much of the original a letter keeps: bytes of key and value, the first headers, and how many
 * of those also appear in the readable `headers` map.
 */
interface Kept {
  readonly keyBytes: number;
  readonly valueBytes: number;
  readonly headers: number;
  readonly textHeaders: number;
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function boundedReason(reason: Rejection): Rejection {
  const message = cut(reason.message, DEAD_LETTER_MAX_REASON_CHARS);
  return reason.field === undefined
    ? { code: reason.code, message }
    : { code: reason.code, field: cut(reason.field, MAX_FIELD_CHARS), message };
}

function describe(source: DeadLetterSource): Original {
  const headers = source.headers.map(({ name, value }): HeaderEntry => {
    const json = { name, valueBase64: value === null ? null : value.toString('base64') };
    const text = value === null ? null : value.toString('utf8');
    const textCost = text === null ? 0 : jsonBytes(name) + jsonBytes(text) + 2;
    return { json, text, cost: jsonBytes(json) + 1, textCost };
  });
  return {
    source,
    keySha256: source.key === null ? null : sha256Hex(source.key),
    valueSha256: source.value === null ? null : sha256Hex(source.value),
    headers,
    headersBytes: headersByteLength(source.headers),
    headersSha256: headersSha256(source.headers),
  };
}

function prefixBase64(bytes: Buffer | null, keep: number): string | null {
  return bytes === null ? null : bytes.subarray(0, keep).toString('base64');
}

function letterOf(original: Original, reason: Rejection, now: Date, kept: Kept): DeadLetterEventV1 {
  const { source } = original;
  const keyBytes = source.key?.length ?? 0;
  const valueBytes = source.value?.length ?? 0;
  const headers = original.headers.slice(0, kept.headers);
  const text: Record<string, string> = {};
  for (const header of headers.slice(0, kept.textHeaders))
    if (header.text !== null) text[header.json.name] = header.text;
  return {
    reason: boundedReason(reason),
    source: {
      topic: source.topic,
      logicalTopic: source.logicalTopic,
      partition: source.partition,
      offset: source.offset,
      timestamp: source.timestamp,
    },
    original: {
      keyBase64: prefixBase64(source.key, kept.keyBytes),
      keyBytes,
      keySha256: original.keySha256,
      keyTruncated: kept.keyBytes < keyBytes,
      valueBase64: prefixBase64(source.value, kept.valueBytes),
      valueBytes,
      valueSha256: original.valueSha256,
      valueTruncated: kept.valueBytes < valueBytes,
      headers: text,
      headersBase64: headers.map((h) => h.json),
      headerCount: original.headers.length,
      headersBytes: original.headersBytes,
      headersSha256: original.headersSha256,
      headersTruncated: headers.length < original.headers.length,
    },
    deadLetteredAt: now.toISOString(),
    schemaVersion: 1,
  };
}

/**
 * Shares `room` bytes of JSON between key, value and headers (as bytes), smallest first: each gets
 * what it needs or an equal share of what is left, so a small part stays whole beside a huge one.
 * What is left over then buys the readable text of the kept headers, in order.
 */
function share(room: number, original: Original): Kept {
  const { key, value } = original.source;
  const parts = [
    { part: 'key', cost: base64Length(key?.length ?? 0) },
    { part: 'value', cost: base64Length(value?.length ?? 0) },
    { part: 'headers', cost: original.headers.reduce((sum, h) => sum + h.cost, 0) },
  ].sort((a, b) => a.cost - b.cost);
  const granted = new Map<string, number>();
  let left = room;
  parts.forEach(({ part, cost }, i) => {
    const grant = Math.min(cost, Math.floor(left / (parts.length - i)));
    granted.set(part, grant);
    left -= grant;
  });
  const bytesFor = (part: string, length: number) =>
    Math.min(length, Math.floor((granted.get(part) ?? 0) / 4) * 3);
  let headers = 0;
  let headerRoom = granted.get('headers') ?? 0;
  for (const header of original.headers) {
    if (header.cost > headerRoom) break;
    headerRoom -= header.cost;
    headers += 1;
  }
  let textRoom = left + headerRoom;
  let textHeaders = 0;
  for (const header of original.headers.slice(0, headers)) {
    if (header.textCost > textRoom) break;
    textRoom -= header.textCost;
    textHeaders += 1;
  }
  return {
    keyBytes: bytesFor('key', key?.length ?? 0),
    valueBytes: bytesFor('value', value?.length ?? 0),
    headers,
    textHeaders,
  };
}

/**
 * The `journey.dead-letter.v1` payload for `source`, at most `maxBytes` bytes of JSON (UTF-8).
 *
 * The original key, value and headers are kept byte for byte (base64) when the whole letter fits.
 * Otherwise each keeps a prefix (key and value: their first bytes; headers: the first entries),
 * sharing the room smallest part first, with its full size and SHA-256 beside it; the whole original
 * stays in its source topic at `source`. The readable `headers` map then holds the kept headers
 * whose text still fits, in order. The reason message is cut at
 * {@link DEAD_LETTER_MAX_REASON_CHARS} characters.
 *
 * Only when even a letter keeping no original bytes is over `maxBytes` (a limit of a few kilobytes)
 * is the result larger than asked: that letter is returned, and the broker may refuse it.
 *
 * @param source the rejected message and where it was read (topic as the broker names it)
 * @param reason why it was rejected
 * @param now the dead-lettering time (`deadLetteredAt`)
 * @param maxBytes the most bytes the JSON may take (see `deadLetterValueBudget`)
 */
export function boundedDeadLetterEvent(
  source: DeadLetterSource,
  reason: Rejection,
  now: Date,
  maxBytes: number,
): DeadLetterEventV1 {
  const original = describe(source);
  const whole = letterOf(original, reason, now, {
    keyBytes: source.key?.length ?? 0,
    valueBytes: source.value?.length ?? 0,
    headers: original.headers.length,
    textHeaders: original.headers.length,
  });
  if (jsonBytes(whole) <= maxBytes) return whole;
  const bare = letterOf(original, reason, now, { keyBytes: 0, valueBytes: 0, headers: 0, textHeaders: 0 });
  let room = maxBytes - jsonBytes(bare);
  for (let attempt = 0; attempt < FIT_ATTEMPTS && room > 0; attempt += 1) {
    const letter = letterOf(original, reason, now, share(room, original));
    const size = jsonBytes(letter);
    if (size <= maxBytes) return letter;
    room -= size - maxBytes + 256;
  }
  return bare;
}

/**
 * The minimal stand-in for a dead letter the broker refused: the reason, the source (topic as the
 * broker names it, partition, offset, timestamp), and the size and SHA-256 of the original key,
 * value and headers, with none of their bytes; `fallback` says why. A few hundred bytes plus the
 * reason (itself bounded), so a record is never dropped silently for want of room.
 *
 * @param cause why the full dead letter could not be written (e.g. the broker's error), kept to 500 characters
 */
export function minimalDeadLetterEvent(
  source: DeadLetterSource,
  reason: Rejection,
  now: Date,
  cause: string,
): DeadLetterEventV1 {
  const bare = letterOf(describe(source), reason, now, {
    keyBytes: 0,
    valueBytes: 0,
    headers: 0,
    textHeaders: 0,
  });
  return { ...bare, fallback: cut(cause, MAX_FALLBACK_CHARS) };
}
