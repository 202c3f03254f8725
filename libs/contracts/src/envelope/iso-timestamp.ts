/** ISO-8601 date-time with an explicit offset (`Z` or `+hh:mm`), seconds and fraction optional. */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Earliest and latest instants the contract accepts at all; the processor applies tighter rules. */
export const MIN_TIMESTAMP_MS = Date.UTC(2000, 0, 1);
export const MAX_TIMESTAMP_MS = Date.UTC(2100, 0, 1);

export type TimestampResult = { ok: true; epochMs: number } | { ok: false; message: string };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an ISO-8601 timestamp that carries its offset. Calendar fields are checked one by one
 * because `Date.parse` rolls 2024-02-30 over into March.
 */
export function parseIsoTimestamp(value: unknown): TimestampResult {
  if (typeof value !== 'string') return { ok: false, message: 'must be an ISO-8601 string with an offset' };
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return { ok: false, message: 'must be ISO-8601 with an offset, e.g. 2026-03-01T12:00:00Z' };
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const offsetHours = m[9] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[10] === undefined ? 0 : Number(m[10]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: 'is not a calendar date' };
  }
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    return { ok: false, message: 'has a time of day out of range' };
  }
  const epochMs = Date.parse(value);
  if (!Number.isFinite(epochMs)) return { ok: false, message: 'is not a valid instant' };
  if (epochMs < MIN_TIMESTAMP_MS || epochMs >= MAX_TIMESTAMP_MS) {
    return { ok: false, message: 'is outside 2000-01-01..2100-01-01' };
  }
  return { ok: true, epochMs };
}
