import { CLV_SEGMENTS, ClvSegment, formatMinorUnits } from '@pipeline/contracts';
import { ClvSegmentThresholds, clvSegment } from '@pipeline/journey-domain';

/** The CLV segments of `GET /kpis`: how many valued customers each tier holds under the current model. */
export interface ClvSegmentsDto {
  /** The fitted model whose tiers these are; null before the first refit (everyone `unranked`). */
  readonly modelVersion: string | null;
  /** The tiers' lower bounds, exact decimal strings in major units; null before the first refit. */
  readonly thresholds: { readonly top: string; readonly high: string; readonly medium: string } | null;
  readonly counts: Readonly<Record<ClvSegment, number>>;
}

/**
 * Counts customers per segment with the domain's own `clvSegment` rule, applied to each customer's
 * indexed CLV (predictive when valued by a fitted model, else simple) and the current model's tiers,
 * so the counts are those the `customer.clv.v1` events carry once every customer is re-valued.
 */
export function clvSegments(
  valuesMinor: readonly number[],
  model: { readonly version: string; readonly segmentThresholds: ClvSegmentThresholds | null } | undefined,
  currency: string,
): ClvSegmentsDto {
  const counts = Object.fromEntries(CLV_SEGMENTS.map((segment) => [segment, 0])) as Record<
    ClvSegment,
    number
  >;
  const thresholds = model?.segmentThresholds ?? null;
  for (const value of valuesMinor) counts[clvSegment(value, thresholds)] += 1;
  return {
    modelVersion: model?.version ?? null,
    thresholds: thresholds && {
      top: formatMinorUnits(thresholds.p90, currency),
      high: formatMinorUnits(thresholds.p75, currency),
      medium: formatMinorUnits(thresholds.p50, currency),
    },
    counts,
  };
}
