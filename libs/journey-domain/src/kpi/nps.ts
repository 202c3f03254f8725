import { DETRACTOR_MAX_SCORE } from '../journey-stages';
import { NpsCategory } from '../journey-view';

/** NPS answers from 9 up are promoters (Reichheld 2003). */
export const PROMOTER_MIN_SCORE = 9;

/** Net Promoter Score of a set of answers; every field is zero or null for an empty set. */
export interface NetPromoterScore {
  readonly respondents: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /**
   * (promoters - detractors) / respondents, unreduced so the denominator stays the number of
   * respondents; null without answers.
   */
  readonly fraction: { readonly numerator: number; readonly denominator: number } | null;
  /** 100 x fraction, unrounded, in [-100, 100]; null without answers. */
  readonly exact: number | null;
  /** `exact` rounded to a whole number, halves away from zero (never -0); null without answers. */
  readonly nps: number | null;
}

/**
 * The category of one answer on the 0-10 scale: promoter 9-10, passive 7-8, detractor 0-6.
 * Throws a RangeError for anything but an integer from 0 to 10.
 */
export function npsCategoryOf(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`an NPS answer is an integer from 0 to 10, got ${score}`);
  }
  if (score >= PROMOTER_MIN_SCORE) return 'promoter';
  return score <= DETRACTOR_MAX_SCORE ? 'detractor' : 'passive';
}

/** Symmetric rounding: Math.round sends -2.5 to -2 but 2.5 to 3, which would bias negative scores up. */
function roundHalfAwayFromZero(value: number): number {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rounded === 0 ? 0 : rounded;
}

/**
 * Net Promoter Score (Reichheld, "The One Number You Need to Grow", HBR 2003): the percentage of
 * promoters minus the percentage of detractors, from -100 (all detractors) to 100 (all promoters).
 * Pass one answer per customer (see `latestAnswersInWindow`): a customer who answers twice must not
 * count twice.
 */
export function netPromoterScore(scores: readonly number[]): NetPromoterScore {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const score of scores) {
    const category = npsCategoryOf(score);
    if (category === 'promoter') promoters += 1;
    else if (category === 'passive') passives += 1;
    else detractors += 1;
  }
  const respondents = scores.length;
  if (respondents === 0) {
    return { respondents, promoters, passives, detractors, fraction: null, exact: null, nps: null };
  }
  const numerator = promoters - detractors;
  const exact = (100 * numerator) / respondents;
  return {
    respondents,
    promoters,
    passives,
    detractors,
    fraction: { numerator, denominator: respondents },
    exact,
    nps: roundHalfAwayFromZero(exact),
  };
}
