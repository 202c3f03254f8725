/**
 * A dead letter as read back from the topic, in the shape replay needs. Dead letters written before
 * the key, header and `logicalTopic` fields were added parse too: their key counts as whole, their
 * headers come from the UTF-8 `headers` map (`headersExact: false`).
 */
export interface StoredDeadLetter {
  readonly reasonCode: string;
  readonly source: {
    readonly topic: string;
    /** Absent on dead letters written before it was added (their `topic` was the logical name). */
    readonly logicalTopic: string | undefined;
    readonly partition: number;
    readonly offset: string;
    readonly timestamp: string;
  };
  readonly key: StoredBytes;
  readonly value: StoredBytes;
  readonly headers: readonly StoredHeader[];
  /** False when the headers come from the UTF-8 text map of an older dead letter. */
  readonly headersExact: boolean;
  readonly headersTruncated: boolean;
  readonly headerCount: number;
  readonly headersSha256: string | undefined;
  /** Set on a minimal stand-in: no original bytes were kept. */
  readonly fallback: string | undefined;
}

export interface StoredBytes {
  /** The bytes kept (all of them unless `truncated`); null for a null original. */
  readonly bytes: Buffer | null;
  /** Size of the original, when recorded. */
  readonly length: number | undefined;
  readonly sha256: string | null | undefined;
  readonly truncated: boolean;
}

export interface StoredHeader {
  readonly name: string;
  readonly value: Buffer | null;
}

export type StoredDeadLetterResult =
  { readonly ok: true; readonly letter: StoredDeadLetter } | { readonly ok: false; readonly why: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class Unreadable extends Error {}

function field<T>(object: Json, name: string, check: (v: unknown) => v is T, what: string): T {
  const value = object[name];
  if (!check(value)) throw new Unreadable(`${name} is not ${what}`);
  return value;
}

function optional<T>(object: Json, name: string, check: (v: unknown) => v is T, what: string): T | undefined {
  return object[name] === undefined ? undefined : field(object, name, check, what);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isBase64OrNull = (v: unknown): v is string | null =>
  v === null || (isString(v) && /^[A-Za-z0-9+/]*={0,2}$/.test(v));
const isShaOrNull = (v: unknown): v is string | null =>
  v === null || (isString(v) && /^[0-9a-f]{64}$/.test(v));
const isDecimal = (v: unknown): v is string => isString(v) && /^-?\d+$/.test(v);

const decode = (base64: string | null): Buffer | null =>
  base64 === null ? null : Buffer.from(base64, 'base64');

function headersOf(original: Json): Pick<StoredDeadLetter, 'headers' | 'headersExact'> {
  const list = original['headersBase64'];
  if (list !== undefined) {
    if (!Array.isArray(list)) throw new Unreadable('original.headersBase64 is not a list');
    const headers = list.map((entry: unknown): StoredHeader => {
      if (!isObject(entry)) throw new Unreadable('original.headersBase64 holds a non-object');
      return {
        name: field(entry, 'name', isString, 'a string'),
        value: decode(field(entry, 'valueBase64', isBase64OrNull, 'base64 or null')),
      };
    });
    return { headers, headersExact: true };
  }
  const text = field(original, 'headers', isObject, 'an object');
  const headers = Object.entries(text).map(([name, value]): StoredHeader => {
    if (!isString(value)) throw new Unreadable(`original.headers.${name} is not a string`);
    return { name, value: Buffer.from(value, 'utf8') };
  });
  return { headers, headersExact: false };
}

/** Reads a dead letter's JSON value; `why` says what is wrong with one that cannot be read. */
export function parseStoredDeadLetter(value: Buffer | null): StoredDeadLetterResult {
  if (value === null) return { ok: false, why: 'the dead letter has no value' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, why: 'the dead letter is not JSON' };
  }
  try {
    if (!isObject(json)) throw new Unreadable('the dead letter is not a JSON object');
    const reason = field(json, 'reason', isObject, 'an object');
    const source = field(json, 'source', isObject, 'an object');
    const original = field(json, 'original', isObject, 'an object');
    const partition = field(source, 'partition', isCount, 'a partition number');
    const keyTruncated = optional(original, 'keyTruncated', isBoolean, 'a boolean') ?? false;
    return {
      ok: true,
      letter: {
        reasonCode: field(reason, 'code', isString, 'a string'),
        source: {
          topic: field(source, 'topic', isString, 'a string'),
          logicalTopic: optional(source, 'logicalTopic', isString, 'a string'),
          partition,
          offset: field(source, 'offset', isDecimal, 'a decimal offset'),
          timestamp: field(source, 'timestamp', isDecimal, 'a decimal timestamp'),
        },
        key: {
          bytes: decode(field(original, 'keyBase64', isBase64OrNull, 'base64 or null')),
          length: optional(original, 'keyBytes', isCount, 'a size'),
          sha256: optional(original, 'keySha256', isShaOrNull, 'a SHA-256 or null'),
          truncated: keyTruncated,
        },
        value: {
          bytes: decode(field(original, 'valueBase64', isBase64OrNull, 'base64 or null')),
          length: optional(original, 'valueBytes', isCount, 'a size'),
          sha256: optional(original, 'valueSha256', isShaOrNull, 'a SHA-256 or null'),
          truncated: field(original, 'valueTruncated', isBoolean, 'a boolean'),
        },
        ...headersOf(original),
        headersTruncated: optional(original, 'headersTruncated', isBoolean, 'a boolean') ?? false,
        headerCount: optional(original, 'headerCount', isCount, 'a count') ?? 0,
        headersSha256: optional(original, 'headersSha256', isShaOrNull, 'a SHA-256') ?? undefined,
        fallback: optional(json, 'fallback', isString, 'a string'),
      },
    };
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, why: `unreadable dead letter: ${error.message}` };
    throw error;
  }
}
