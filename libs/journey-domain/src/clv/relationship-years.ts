/** Limits on the relationship length the simple CLV assumes, in years. */
export interface RelationshipBounds {
  readonly min: number;
  readonly max: number;
  /** Used while the population churn rate is unknown (not enough data yet). */
  readonly fallback: number;
}

/**
 * Default bounds: at least half a year (churn far above 100% a year is more likely a measurement
 * artefact of a young population than a real half-year customer life), at most ten years (beyond that
 * undiscounted revenue says more about the formula than about the customer), and three years until
 * the churn rate is known, a deliberately modest figure for configuration to override.
 */
export const DEFAULT_RELATIONSHIP_BOUNDS: RelationshipBounds = { min: 0.5, max: 10, fallback: 3 };

/**
 * The expected relationship length from the observed annual churn rate c: 1 / c years, clamped to
 * [min, max]. 1 / c is the mean lifetime whether c is read as a yearly probability of leaving (a
 * geometric lifetime, counting the year of leaving) or as a constant hazard (an exponential one). No
 * churn at all means the observed population has not lost anyone yet, not that customers live for
 * ever: that gives `max`.
 *
 * @param annualChurnRate churned customers per customer-year at risk, >= 0; `undefined` or NaN while
 *   there is not enough data, which gives `fallback`.
 * @throws RangeError on a negative churn rate or inconsistent bounds.
 */
export function relationshipYearsFromChurn(
  annualChurnRate: number | undefined,
  bounds: RelationshipBounds = DEFAULT_RELATIONSHIP_BOUNDS,
): number {
  const { min, max, fallback } = bounds;
  if (!(min > 0 && min <= fallback && fallback <= max && Number.isFinite(max))) {
    throw new RangeError(`need 0 < min <= fallback <= max, got ${min}, ${fallback}, ${max}`);
  }
  if (annualChurnRate === undefined || Number.isNaN(annualChurnRate)) return fallback;
  if (annualChurnRate < 0) throw new RangeError(`annual churn rate must be >= 0, got ${annualChurnRate}`);
  if (annualChurnRate === 0) return max;
  return Math.min(max, Math.max(min, 1 / annualChurnRate));
}
