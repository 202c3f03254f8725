import { DAY_MS } from '../kpi/customer-activity';
import { ChurnInput } from './churn-input';
import { ChurnThresholds } from './churn-thresholds';
import { stableSort } from '../stable-sort';

export type ChurnSignalCode =
  | 'P_ALIVE_LOW'
  | 'OVERDUE_PURCHASE'
  | 'OPEN_INCIDENTS'
  | 'NPS_DETRACTOR'
  | 'SUBSCRIPTION_CANCELLED'
  | 'INACTIVE';

/** One reason a customer may leave. */
export interface ChurnSignal {
  readonly code: ChurnSignalCode;
  /** For people: what was seen, with its numbers. */
  readonly text: string;
  /** Probability that this signal alone means the customer is leaving, in [0, 1]. */
  readonly weight: number;
  /** A hard rule: the band is at least high whatever the combined score. */
  readonly atLeastHigh: boolean;
}

/** The signals present at `now`, strongest first, and when the set next changes by time alone. */
export interface ChurnSignals {
  readonly signals: readonly ChurnSignal[];
  /** The earliest instant after `now` at which a time-based signal switches on or steps up; null if none. */
  readonly nextChangeAt: number | null;
}

const oneDecimal = (value: number): string => String(Math.floor(value * 10) / 10);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const MODEL_NAMES = { 'bg-nbd': 'BG/NBD', 'pareto-nbd': 'Pareto/NBD' } as const;

function pAliveSignal(
  pAlive: number | undefined,
  model: keyof typeof MODEL_NAMES | undefined,
  t: ChurnThresholds,
): ChurnSignal | undefined {
  if (pAlive === undefined) return undefined;
  if (!(pAlive >= 0 && pAlive <= 1)) throw new RangeError(`pAlive must be in [0, 1], got ${pAlive}`);
  if (pAlive >= t.pAliveBelow) return undefined;
  const percent = Math.round(pAlive * 100);
  return {
    code: 'P_ALIVE_LOW',
    text: `${MODEL_NAMES[model ?? 'bg-nbd']} gives a ${percent}% probability that the customer still buys`,
    weight: 1 - pAlive,
    atLeastHigh: false,
  };
}

/**
 * Overdue ratio against the customer's own rhythm. The weight steps at fixed ratios rather than
 * growing continuously, so the score changes at known instants a scheduler can wait for.
 */
function overdueSignal(
  input: ChurnInput,
  now: number,
  t: ChurnThresholds,
  pending: number[],
): ChurnSignal | undefined {
  const last = input.lastPurchaseAt;
  if (last === null) return undefined;
  const own = input.typicalPurchaseIntervalMs;
  const interval = own ?? t.overdue.defaultIntervalMs;
  // Whole-ms instants, and the signal compares `now` with them, so nextChangeAt is exact.
  const mediumAt = last + Math.ceil(t.overdue.mediumRatio * interval);
  const highAt = last + Math.ceil(t.overdue.highRatio * interval);
  if (now < mediumAt) pending.push(mediumAt);
  if (now < highAt) pending.push(highAt);
  if (now < mediumAt) return undefined;
  const ratio = oneDecimal((now - last) / interval);
  const days = oneDecimal(interval / DAY_MS);
  return {
    code: 'OVERDUE_PURCHASE',
    text:
      own === null
        ? `no purchase for ${ratio}x the ${days} days a one-time buyer usually takes to come back`
        : `no purchase for ${ratio}x the customer's usual ${days} days between purchases`,
    weight: now < highAt ? t.overdue.mediumWeight : t.overdue.highWeight,
    atLeastHigh: false,
  };
}

function incidentSignal(open: number, t: ChurnThresholds): ChurnSignal | undefined {
  if (open === 0) return undefined;
  if (open === 1) {
    return {
      code: 'OPEN_INCIDENTS',
      text: '1 unresolved incident',
      weight: t.openIncidents.oneWeight,
      atLeastHigh: false,
    };
  }
  return {
    code: 'OPEN_INCIDENTS',
    text: `${open} unresolved incidents: most customers leave after two or three bad service experiences`,
    weight: t.openIncidents.twoOrMoreWeight,
    atLeastHigh: true,
  };
}

function npsSignal(input: ChurnInput, t: ChurnThresholds): ChurnSignal | undefined {
  if (input.lastNps?.category !== 'detractor') return undefined;
  return {
    code: 'NPS_DETRACTOR',
    text: `latest NPS answer is ${input.lastNps.score}, a detractor (0-6)`,
    weight: t.npsDetractorWeight,
    atLeastHigh: false,
  };
}

function subscriptionSignal(cancelled: number, t: ChurnThresholds): ChurnSignal | undefined {
  if (cancelled === 0) return undefined;
  return {
    code: 'SUBSCRIPTION_CANCELLED',
    text: `${plural(cancelled, 'subscription')} cancelled and not renewed since`,
    weight: t.subscriptionCancelledWeight,
    atLeastHigh: false,
  };
}

function inactiveSignal(
  input: ChurnInput,
  now: number,
  t: ChurnThresholds,
  pending: number[],
): ChurnSignal | undefined {
  // Inactive once strictly more than the window has passed: the first whole ms after its end.
  const inactiveAt = Math.floor(input.lastSeenAt + t.inactive.windowMs) + 1;
  if (now < inactiveAt) {
    pending.push(inactiveAt);
    return undefined;
  }
  return {
    code: 'INACTIVE',
    text: `no activity for ${Math.floor((now - input.lastSeenAt) / DAY_MS)} days (window ${oneDecimal(t.inactive.windowMs / DAY_MS)} days)`,
    weight: t.inactive.weight,
    atLeastHigh: true,
  };
}

/**
 * The churn signals of a customer at `now` (epoch ms), strongest first (ties by code, so the order
 * is deterministic). Throws a RangeError for a pAlive outside [0, 1].
 */
export function churnSignals(input: ChurnInput, now: number, t: ChurnThresholds): ChurnSignals {
  const pending: number[] = [];
  const signals = [
    pAliveSignal(input.pAlive, input.pAliveModel, t),
    overdueSignal(input, now, t, pending),
    incidentSignal(input.openIncidents, t),
    npsSignal(input, t),
    subscriptionSignal(input.subscriptionsCancelled, t),
    inactiveSignal(input, now, t, pending),
  ].filter(
    (signal): signal is ChurnSignal => signal !== undefined && (signal.weight > 0 || signal.atLeastHigh),
  );
  stableSort(signals, (a, b) => b.weight - a.weight || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { signals, nextChangeAt: pending.length > 0 ? Math.min(...pending) : null };
}
