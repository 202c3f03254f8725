import { formatMinorUnits } from '@pipeline/contracts';
import { distribution } from '@pipeline/journey-domain';
import { clvBucketEdges } from './clv-bucket-edges';
import { ClvSegmentsDto } from './clv-segments';

/** The CLV section of `GET /kpis`: amounts are exact decimal strings in major units of `currency`. */
export interface ClvSummaryDto {
  readonly currency: string;
  /** Valued customers. */
  readonly count: number;
  /** Rounded to the minor unit, halves away from zero; null without customers. */
  readonly mean: string | null;
  readonly min: string | null;
  readonly max: string | null;
  /** Nearest-rank percentiles: each is an amount some customer has. Null without customers. */
  readonly quantiles: {
    readonly p10: string;
    readonly p25: string;
    readonly p50: string;
    readonly p75: string;
    readonly p90: string;
  } | null;
  /** Bins `[from, to)`; a null bound is open. Every customer is in exactly one bin. */
  readonly histogram: ReadonlyArray<{
    readonly from: string | null;
    readonly to: string | null;
    readonly count: number;
  }>;
  /** Customers per CLV segment under the current model (added by the KPI service). */
  readonly segments?: ClvSegmentsDto;
}

/** The mean of integer minor units, rounded exactly (a float mean can land either side of a half). */
function roundedMean(values: readonly number[]): number {
  const n = BigInt(values.length);
  const sum = values.reduce((total, value) => total + BigInt(value), 0n);
  const quotient = sum / n;
  const remainder = sum - quotient * n;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  return Number(twice >= n ? quotient + (sum < 0n ? -1n : 1n) : quotient);
}

/** Summarises customers' CLV in minor units of `currency` with the domain's `distribution`. */
export function clvSummary(valuesMinor: readonly number[], currency: string): ClvSummaryDto {
  const money = (minor: number): string => formatMinorUnits(minor, currency);
  const min = valuesMinor.reduce((a, b) => Math.min(a, b), Infinity);
  const max = valuesMinor.reduce((a, b) => Math.max(a, b), -Infinity);
  const edges = valuesMinor.length === 0 ? [0] : clvBucketEdges(min, max);
  const summary = distribution(valuesMinor, edges);
  const q = summary.quantiles;
  return {
    currency,
    count: summary.count,
    mean: summary.count === 0 ? null : money(roundedMean(valuesMinor)),
    min: summary.min === null ? null : money(summary.min),
    max: summary.max === null ? null : money(summary.max),
    quantiles: q && {
      p10: money(q.p10),
      p25: money(q.p25),
      p50: money(q.p50),
      p75: money(q.p75),
      p90: money(q.p90),
    },
    histogram: summary.histogram.map((bin) => ({
      from: bin.from === null ? null : money(bin.from),
      to: bin.to === null ? null : money(bin.to),
      count: bin.count,
    })),
  };
}
