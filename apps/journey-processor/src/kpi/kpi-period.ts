import { parseIsoTimestamp } from '@pipeline/contracts';

/** The half-open reporting period `[from, to)`, epoch ms. */
export interface KpiPeriod {
  readonly from: number;
  readonly to: number;
}

export type KpiPeriodResult = { ok: true; period: KpiPeriod } | { ok: false; message: string };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

type InstantResult = { ok: true; epochMs: number } | { ok: false; message: string };

/**
 * A date (`2026-03-01`, read as 00:00 UTC) or a date-time with an offset. A date-time without one is
 * refused rather than guessed: the server's zone is not the caller's.
 */
function parseInstant(name: string, value: unknown): InstantResult {
  if (value === undefined || value === '') {
    return { ok: false, message: `${name} is required (an ISO-8601 date or date-time)` };
  }
  if (typeof value !== 'string') return { ok: false, message: `${name} must be given once` };
  const parsed = parseIsoTimestamp(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (!parsed.ok) {
    const shown = JSON.stringify(value.slice(0, 40));
    return {
      ok: false,
      message: `${name} ${parsed.message} (got ${shown}); use a date like 2026-03-01 or a date-time like 2026-03-01T12:00:00Z`,
    };
  }
  return parsed;
}

/** Reads `from` and `to` from a query string; every failure names the parameter at fault. */
export function parseKpiPeriod(from: unknown, to: unknown): KpiPeriodResult {
  const start = parseInstant('from', from);
  if (!start.ok) return start;
  const end = parseInstant('to', to);
  if (!end.ok) return end;
  if (!(start.epochMs < end.epochMs)) return { ok: false, message: 'from must be before to' };
  return { ok: true, period: { from: start.epochMs, to: end.epochMs } };
}
