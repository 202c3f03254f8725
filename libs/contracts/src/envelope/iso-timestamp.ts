/**
 * Earliest and latest instants the contract accepts at all; the processor applies tighter rules.
 * The floor is the Unix epoch: order histories from the 1990s (CDNOW, a retailer's archive) must load,
 * and from 1970 on every instant is a non-negative epoch-ms integer, which the day grid, Redis sorted-set
 * scores and the fingerprints take without a sign case. Both bounds are far inside 2^53 ms.
 */
export const MIN_TIMESTAMP_MS = Date.UTC(1970, 0, 1);
export const MAX_TIMESTAMP_MS = Date.UTC(2100, 0, 1);

export type TimestampResult = { ok: true; epochMs: number } | { ok: false; message: string };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month (1-12) of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const PLUS = 0x2b;
const UPPER_T = 0x54;
const UPPER_Z = 0x5a;

/** The number `count` ASCII digits at `at` spell, or -1 when one of them is not a digit (or missing). */
function digitsAt(value: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = value.charCodeAt(i) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return -1;
    n = n * 10 + digit;
  }
  return n;
}

interface IsoFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly offsetHours: number;
  readonly offsetMinutes: number;
}

/**
 * The fields of `YYYY-MM-DDTHH:MM[:SS[.f{1,9}]](Z|+HH:MM|-HH:MM)`, ASCII digits only, or undefined when
 * the text has another shape. Read character by character: every event carries timestamps, and a
 * regular expression's match arrays were a measurable share of the stream's allocations.
 */
function isoFields(value: string): IsoFields | undefined {
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return undefined;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return undefined;
  if (value.charCodeAt(10) !== UPPER_T || value.charCodeAt(13) !== COLON) return undefined;
  let at = 16;
  let second = 0;
  if (value.charCodeAt(at) === COLON) {
    second = digitsAt(value, at + 1, 2);
    if (second < 0) return undefined;
    at += 3;
    if (value.charCodeAt(at) === DOT) {
      let digits = 0;
      while (digitsAt(value, at + 1 + digits, 1) >= 0) digits += 1;
      if (digits < 1 || digits > 9) return undefined;
      at += 1 + digits;
    }
  }
  const sign = value.charCodeAt(at);
  if (sign === UPPER_Z) {
    if (value.length !== at + 1) return undefined;
    return { year, month, day, hour, minute, second, offsetHours: 0, offsetMinutes: 0 };
  }
  if (sign !== PLUS && sign !== DASH) return undefined;
  const offsetHours = digitsAt(value, at + 1, 2);
  const offsetMinutes = digitsAt(value, at + 4, 2);
  if (offsetHours < 0 || offsetMinutes < 0 || value.charCodeAt(at + 3) !== COLON) return undefined;
  if (value.length !== at + 6) return undefined;
  return { year, month, day, hour, minute, second, offsetHours, offsetMinutes };
}

/**
 * Parses an ISO-8601 timestamp that carries its offset (`Z` or `+hh:mm`; seconds and a fraction of
 * up to nine digits optional). Calendar fields are checked one by one because `Date.parse` rolls
 * 2024-02-30 over into March.
 */
export function parseIsoTimestamp(value: unknown): TimestampResult {
  if (typeof value !== 'string') return { ok: false, message: 'must be an ISO-8601 string with an offset' };
  const fields = isoFields(value);
  if (!fields) return { ok: false, message: 'must be ISO-8601 with an offset, e.g. 2026-03-01T12:00:00Z' };
  const { year, month, day, hour, minute, second, offsetHours, offsetMinutes } = fields;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: 'is not a calendar date' };
  }
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    return { ok: false, message: 'has a time of day out of range' };
  }
  const epochMs = Date.parse(value);
  if (!Number.isFinite(epochMs)) return { ok: false, message: 'is not a valid instant' };
  if (epochMs < MIN_TIMESTAMP_MS || epochMs >= MAX_TIMESTAMP_MS) {
    return { ok: false, message: 'is outside 1970-01-01..2100-01-01' };
  }
  return { ok: true, epochMs };
}
