import { HoldoutPrediction } from './frequency-bins';

/** How far the per-customer holdout predictions were from what happened, and the totals. */
export interface HoldoutErrors {
  readonly customers: number;
  /** Sum of actual holdout purchases (repeat purchase days). */
  readonly totalActual: number;
  /** Sum of the conditional expectations over the holdout. */
  readonly totalPredicted: number;
  /** totalPredicted / totalActual - 1; null when nothing was bought. */
  readonly relativeError: number | null;
  /** Mean over customers of |predicted - actual|. */
  readonly meanAbsoluteError: number;
  /** Square root of the mean of (predicted - actual)^2. */
  readonly rootMeanSquareError: number;
}

export function holdoutErrors(
  rows: readonly Pick<HoldoutPrediction, 'actual' | 'predicted'>[],
): HoldoutErrors {
  let totalActual = 0;
  let totalPredicted = 0;
  let absolute = 0;
  let squared = 0;
  for (const { actual, predicted } of rows) {
    totalActual += actual;
    totalPredicted += predicted;
    absolute += Math.abs(predicted - actual);
    squared += (predicted - actual) ** 2;
  }
  const customers = rows.length;
  return {
    customers,
    totalActual,
    totalPredicted,
    relativeError: totalActual > 0 ? totalPredicted / totalActual - 1 : null,
    meanAbsoluteError: customers > 0 ? absolute / customers : 0,
    rootMeanSquareError: customers > 0 ? Math.sqrt(squared / customers) : 0,
  };
}
