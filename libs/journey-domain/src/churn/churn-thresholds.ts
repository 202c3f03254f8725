import { DAY_MS, DEFAULT_ACTIVITY_WINDOW_MS } from '../kpi/customer-activity';

/**
 * Parameters of the churn score. Each signal weight is the probability that this signal alone means
 * the customer is leaving; `scoreChurnRisk` combines them by noisy-OR. Validate a configured set once
 * at boot with `churnThresholdProblems`.
 */
export interface ChurnThresholds {
  /** Score cut-offs: low < medium <= score < high <= score. */
  readonly bands: { readonly medium: number; readonly high: number };
  /** P_ALIVE_LOW counts only below this P(alive): above it the model considers the customer alive. */
  readonly pAliveBelow: number;
  readonly overdue: {
    /** Overdue ratio (time since last purchase / typical interval) from which the medium weight applies. */
    readonly mediumRatio: number;
    /** Overdue ratio from which the high weight applies. */
    readonly highRatio: number;
    readonly mediumWeight: number;
    readonly highWeight: number;
    /** Typical interval of one-time buyers, who have no gap of their own, ms. */
    readonly defaultIntervalMs: number;
  };
  readonly openIncidents: {
    readonly oneWeight: number;
    /** Weight of two or more open incidents; they also make the band at least high on their own. */
    readonly twoOrMoreWeight: number;
  };
  readonly npsDetractorWeight: number;
  readonly subscriptionCancelledWeight: number;
  readonly inactive: {
    /** No event at all for longer than this, ms, makes the band high. */
    readonly windowMs: number;
    readonly weight: number;
  };
}

/**
 * Defaults, with the reasoning behind each:
 * - bands: medium from 0.4, high from 0.7.
 * - P_ALIVE_LOW: weight 1 - P(alive), counted below P(alive) 0.8. BG/NBD gives one-time buyers
 *   P(alive) = 1, so OVERDUE_PURCHASE is what catches them.
 * - OVERDUE_PURCHASE: 0.5 from 2x the customer's own median gap between purchase days, 0.8 from 3x
 *   (each alone makes medium, then high); one-time buyers are measured against 90 days.
 * - OPEN_INCIDENTS: 0.3 for one; 0.75 for two or more, and high whatever the score. Emplifi's 2022
 *   report "11 key things consumers expect from their brand experiences today" (Harris Interactive,
 *   2,099 US and UK consumers) found 86% would leave a brand after two or three bad customer-service
 *   experiences: more than three in four.
 * - NPS_DETRACTOR: 0.35, low alone, medium with one open incident (1 - 0.65 x 0.7 = 0.545).
 * - SUBSCRIPTION_CANCELLED: 0.6, an explicit step away: medium alone.
 * - INACTIVE: 0.9 after 365 days without any event, and high whatever the score.
 */
export const DEFAULT_CHURN_THRESHOLDS: ChurnThresholds = {
  bands: { medium: 0.4, high: 0.7 },
  pAliveBelow: 0.8,
  overdue: {
    mediumRatio: 2,
    highRatio: 3,
    mediumWeight: 0.5,
    highWeight: 0.8,
    defaultIntervalMs: 90 * DAY_MS,
  },
  openIncidents: { oneWeight: 0.3, twoOrMoreWeight: 0.75 },
  npsDetractorWeight: 0.35,
  subscriptionCancelledWeight: 0.6,
  inactive: { windowMs: DEFAULT_ACTIVITY_WINDOW_MS, weight: 0.9 },
};

const isProbability = (value: number): boolean => value >= 0 && value <= 1;

/**
 * What is wrong with a set of thresholds, one message per problem; empty when it is usable. Weights
 * and cut-offs are probabilities, a stronger level may not weigh less than a weaker one (or the
 * score would drop as things get worse), and times are positive.
 */
export function churnThresholdProblems(t: ChurnThresholds): string[] {
  const problems: string[] = [];
  const probability = (name: string, value: number): void => {
    if (!isProbability(value)) problems.push(`${name} must be in [0, 1], got ${value}`);
  };
  probability('bands.medium', t.bands.medium);
  probability('bands.high', t.bands.high);
  probability('pAliveBelow', t.pAliveBelow);
  probability('overdue.mediumWeight', t.overdue.mediumWeight);
  probability('overdue.highWeight', t.overdue.highWeight);
  probability('openIncidents.oneWeight', t.openIncidents.oneWeight);
  probability('openIncidents.twoOrMoreWeight', t.openIncidents.twoOrMoreWeight);
  probability('npsDetractorWeight', t.npsDetractorWeight);
  probability('subscriptionCancelledWeight', t.subscriptionCancelledWeight);
  probability('inactive.weight', t.inactive.weight);
  if (!(t.bands.medium < t.bands.high)) problems.push('bands.medium must be below bands.high');
  const { mediumRatio, highRatio } = t.overdue;
  if (!(mediumRatio > 0 && mediumRatio < highRatio && Number.isFinite(highRatio))) {
    problems.push('overdue ratios must be finite with 0 < mediumRatio < highRatio');
  }
  if (t.overdue.mediumWeight > t.overdue.highWeight) {
    problems.push('overdue.highWeight must be at least overdue.mediumWeight');
  }
  if (t.openIncidents.oneWeight > t.openIncidents.twoOrMoreWeight) {
    problems.push('openIncidents.twoOrMoreWeight must be at least openIncidents.oneWeight');
  }
  const positive = (name: string, ms: number): void => {
    if (!(ms > 0 && Number.isFinite(ms))) problems.push(`${name} must be a positive number of ms, got ${ms}`);
  };
  positive('overdue.defaultIntervalMs', t.overdue.defaultIntervalMs);
  positive('inactive.windowMs', t.inactive.windowMs);
  return problems;
}
