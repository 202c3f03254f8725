import { ChurnBand } from '@pipeline/contracts';
import { churnBandOf } from './churn-band';
import { ChurnInput } from './churn-input';
import { ChurnSignalCode, churnSignals } from './churn-signals';
import { ChurnThresholds, DEFAULT_CHURN_THRESHOLDS } from './churn-thresholds';

/** One signal behind a score. */
export interface ChurnReason {
  readonly code: ChurnSignalCode;
  readonly text: string;
  /** The signal's probability in the noisy-OR, rounded to 4 decimals. */
  readonly weight: number;
}

/** The churn risk of one customer at one instant. */
export interface ChurnAssessment {
  /** 0 (safe) to 1 (gone), rounded to 4 decimals. */
  readonly score: number;
  /** From the unrounded score, so a hard rule's floor holds exactly whatever the cut-offs' decimals. */
  readonly band: ChurnBand;
  /** Every signal present, strongest first; empty for a customer with no risk signal. */
  readonly reasons: readonly ChurnReason[];
  /**
   * The next instant (epoch ms) at which the score may change by time alone (an overdue step or the
   * end of the activity window). Until then, with the same facts and pAlive, score and band stay as
   * they are, so a scheduler can index customers by it instead of scanning everyone. Null when no
   * time-based change is pending. P(alive) also decays with time, but it is refitted elsewhere and
   * arrives as an input.
   */
  readonly nextReviewAt: number | null;
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * The churn risk of a customer at `now` (epoch ms).
 *
 * Signals combine by noisy-OR: score = 1 - product of (1 - weight), reading each weight as the chance
 * that this signal alone makes the customer leave, independently of the others. Unlike a max, two
 * moderate signals compound (a detractor with an open incident is riskier than either alone); unlike
 * a sum, the score stays within [0, 1] without clipping; and it is monotone: adding a signal or
 * strengthening one never lowers it. Hard rules then raise the score to at least the high cut-off:
 * two or more open incidents, and INACTIVE. The signals only switch on or step up as time passes,
 * so with the same facts the score never falls by time alone.
 *
 * Validate configured thresholds at boot with `churnThresholdProblems`; this throws a RangeError for
 * a pAlive outside [0, 1] or a non-finite `now`.
 */
export function scoreChurnRisk(
  input: ChurnInput,
  now: number,
  thresholds: ChurnThresholds = DEFAULT_CHURN_THRESHOLDS,
): ChurnAssessment {
  if (!Number.isFinite(now)) throw new RangeError(`now must be a finite epoch ms, got ${now}`);
  const { signals, nextChangeAt } = churnSignals(input, now, thresholds);
  const survives = signals.reduce((product, signal) => product * (1 - signal.weight), 1);
  const floor = signals.some((signal) => signal.atLeastHigh) ? thresholds.bands.high : 0;
  const score = Math.min(1, Math.max(1 - survives, floor));
  return {
    score: round4(score),
    band: churnBandOf(score, thresholds.bands),
    reasons: signals.map(({ code, text, weight }) => ({ code, text, weight: round4(weight) })),
    nextReviewAt: nextChangeAt,
  };
}
