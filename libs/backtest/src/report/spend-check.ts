/** One repeat buyer's holdout spend: predicted (E[Z | x, m_x] x E[Y(t) | ...]) and actual, minor units. */
export interface SpendPrediction {
  readonly predictedMinor: number;
  readonly actualMinor: number;
}

/** Predicted against actual holdout spend over a set of customers; real-valued minor units. */
export interface SpendCheck {
  readonly customers: number;
  readonly totalPredictedMinor: number;
  readonly totalActualMinor: number;
  /** totalPredicted / totalActual - 1; null when nothing was spent. */
  readonly relativeError: number | null;
  readonly meanPredictedMinor: number;
  readonly meanActualMinor: number;
  /** Mean over customers of |predicted - actual|. */
  readonly meanAbsoluteErrorMinor: number;
}

export function spendCheck(rows: readonly SpendPrediction[]): SpendCheck {
  let predicted = 0;
  let actual = 0;
  let absolute = 0;
  for (const row of rows) {
    predicted += row.predictedMinor;
    actual += row.actualMinor;
    absolute += Math.abs(row.predictedMinor - row.actualMinor);
  }
  const n = rows.length;
  return {
    customers: n,
    totalPredictedMinor: predicted,
    totalActualMinor: actual,
    relativeError: actual > 0 ? predicted / actual - 1 : null,
    meanPredictedMinor: n > 0 ? predicted / n : 0,
    meanActualMinor: n > 0 ? actual / n : 0,
    meanAbsoluteErrorMinor: n > 0 ? absolute / n : 0,
  };
}
