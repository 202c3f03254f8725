/** A histogram bin `[from, to)`; `from` null is the open bin below the first edge, `to` null the one above the last. */
export interface HistogramBin {
  readonly from: number | null;
  readonly to: number | null;
  readonly count: number;
}

/** Nearest-rank percentiles (see `nearestRank`). */
export interface Quantiles {
  readonly p10: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
}

export interface Distribution {
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Null without values. */
  readonly quantiles: Quantiles | null;
  /** One bin per pair of adjacent edges, plus the open bins below and above, so no value is dropped. */
  readonly histogram: readonly HistogramBin[];
}

/**
 * The p-th percentile (0 < p <= 100) of ascending `sorted` by the nearest-rank method: the value at
 * 1-based rank ceil(p / 100 x n). It is always one of the observed values (no interpolation), so a
 * CLV quantile is an amount some customer actually has, and it is exact for integer minor units.
 */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`a percentile is in (0, 100], got ${p}`);
  // p x n before dividing: (0.7 x 10) is 7.000000000000001 in floating point, and ceil would make it 8.
  const value = sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];
  if (value === undefined) throw new RangeError('no values to take a percentile of');
  return value;
}

function assertEdges(edges: readonly number[]): void {
  edges.forEach((edge, i) => {
    if (!Number.isFinite(edge)) throw new RangeError(`bucket edges must be finite, got ${edge}`);
    if (i > 0 && !(edge > (edges[i - 1] ?? -Infinity))) {
      throw new RangeError('bucket edges must be strictly ascending');
    }
  });
}

/**
 * Summary of a set of values, e.g. customers' CLV for a histogram: count, min, max, mean, nearest-rank
 * quantiles p10/p25/p50/p75/p90 and counts per bucket. `edges` are ascending bucket boundaries; each
 * bucket includes its lower edge and excludes its upper one. Throws a RangeError for a non-finite
 * value or edges that are not finite and strictly ascending.
 */
export function distribution(values: readonly number[], edges: readonly number[]): Distribution {
  assertEdges(edges);
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`values must be finite, got ${value}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const counts = Array.from({ length: edges.length + 1 }, () => 0);
  let bin = 0;
  for (const value of sorted) {
    while (bin < edges.length && value >= (edges[bin] ?? Infinity)) bin += 1;
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  const histogram = counts.map((count, i) => ({ from: edges[i - 1] ?? null, to: edges[i] ?? null, count }));
  if (sorted.length === 0) {
    return { count: 0, min: null, max: null, mean: null, quantiles: null, histogram };
  }
  return {
    count: sorted.length,
    min: sorted[0] ?? null,
    max: sorted[sorted.length - 1] ?? null,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    quantiles: {
      p10: nearestRank(sorted, 10),
      p25: nearestRank(sorted, 25),
      p50: nearestRank(sorted, 50),
      p75: nearestRank(sorted, 75),
      p90: nearestRank(sorted, 90),
    },
    histogram,
  };
}
