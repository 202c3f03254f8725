/** A cumulative count at a point in time. */
export interface CountAt {
  readonly at: number;
  readonly total: number;
}

/** Per-second rates between consecutive counts, stamped at the later one; a counter reset gives 0. */
export function ratesBetween(points: readonly CountAt[]): Array<{ at: number; perSecond: number }> {
  const rates: Array<{ at: number; perSecond: number }> = [];
  for (let i = 1; i < points.length; i += 1) {
    const previous = points[i - 1];
    const point = points[i];
    if (!previous || !point || point.at <= previous.at) continue;
    const delta = Math.max(0, point.total - previous.total);
    rates.push({ at: point.at, perSecond: (delta * 1000) / (point.at - previous.at) });
  }
  return rates;
}
