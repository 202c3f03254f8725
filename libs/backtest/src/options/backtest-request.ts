import { isCurrencyCode, parseIsoTimestamp } from '@pipeline/contracts';
import { utcDay } from '../history/utc-day';
import { BacktestError } from '../backtest.error';
import { BacktestOptions, DEFAULT_BACKTEST_TIME_UNIT } from './backtest-options';

/** A backtest as the CLI and the API receive it: text, before validation. */
export interface BacktestRequest {
  /** `2026-01-01` (the whole UTC day, inclusive) or an ISO-8601 instant with an offset (exact). */
  readonly calibrationEnd?: string;
  readonly holdoutEnd?: string;
  /** `day` or `week` (default). */
  readonly timeUnit?: string;
  /** A physical topic; default the pipeline's conversion topic with the configured prefix. */
  readonly topic?: string;
  /** A whole offset applied to every partition, or `earliest` (default). */
  readonly fromOffset?: string;
}

/** What the caller's configuration supplies. */
export interface BacktestDefaults {
  readonly topic: string;
  readonly currency: string;
  /** The wall clock, epoch ms: a holdout may not end after it, or it would be incomplete. */
  readonly now: number;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET = /^(0|[1-9]\d{0,18})$/;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

function instant(name: string, text: string | undefined, problems: string[]): number | undefined {
  if (text === undefined || text.trim() === '') {
    problems.push(
      `${name} is required (a date like 2026-01-01, whole day included, or an ISO-8601 instant with an offset)`,
    );
    return undefined;
  }
  const trimmed = text.trim();
  // A bare date is the whole day, as in BTYD, lifetimes and CLVTools: its last millisecond is the boundary.
  const parsed = parseIsoTimestamp(DATE_ONLY.test(trimmed) ? `${trimmed}T23:59:59.999Z` : trimmed);
  if (!parsed.ok) {
    problems.push(`${name} ${parsed.message}`);
    return undefined;
  }
  return parsed.epochMs;
}

/**
 * Validates a backtest request into options, or throws a `BacktestError` coded `INVALID_OPTIONS` that
 * names every problem. A bare date includes its whole UTC day: `--calibration-end 2025-09-30` is
 * 2025-09-30T23:59:59.999Z, so the orders of 09-30 are calibration orders, and `--holdout-end
 * 2025-12-31` includes the orders of 12-31 in the holdout. An instant is used exactly as given. The holdout must end on a later UTC day than
 * the calibration (the backtest works on the UTC-day grid of the purchase summaries) and not after
 * `now`, or its actual purchases would be incomplete.
 */
export function parseBacktestRequest(request: BacktestRequest, defaults: BacktestDefaults): BacktestOptions {
  const problems: string[] = [];
  const calibrationEnd = instant('calibrationEnd', request.calibrationEnd, problems);
  const holdoutEnd = instant('holdoutEnd', request.holdoutEnd, problems);
  const timeUnit = request.timeUnit?.trim() || DEFAULT_BACKTEST_TIME_UNIT;
  if (timeUnit !== 'day' && timeUnit !== 'week')
    problems.push(`timeUnit must be day or week, got "${timeUnit}"`);
  const topic = request.topic?.trim() || defaults.topic;
  if (!TOPIC.test(topic)) problems.push('topic must be a Kafka topic name: letters, digits, ".", "_", "-"');
  const from = request.fromOffset?.trim();
  const fromOffset = from === undefined || from === '' || from === 'earliest' ? undefined : from;
  if (fromOffset !== undefined && !OFFSET.test(fromOffset)) {
    problems.push(`fromOffset must be a whole offset >= 0 or "earliest", got "${fromOffset}"`);
  }
  if (!isCurrencyCode(defaults.currency))
    problems.push(`currency ${JSON.stringify(defaults.currency)} is not an ISO 4217 code`);
  if (calibrationEnd !== undefined && holdoutEnd !== undefined) {
    if (utcDay(holdoutEnd) <= utcDay(calibrationEnd)) {
      problems.push('holdoutEnd must fall on a later UTC day than calibrationEnd');
    }
    if (holdoutEnd > defaults.now) {
      problems.push(
        `holdoutEnd ${new Date(holdoutEnd).toISOString()} is in the future: the holdout would be incomplete`,
      );
    }
  }
  if (problems.length > 0 || calibrationEnd === undefined || holdoutEnd === undefined) {
    throw new BacktestError('INVALID_OPTIONS', problems.join('; '));
  }
  return {
    topic,
    ...(fromOffset !== undefined && { fromOffset }),
    calibrationEnd,
    holdoutEnd,
    timeUnit: timeUnit as BacktestOptions['timeUnit'],
    currency: defaults.currency,
  };
}
