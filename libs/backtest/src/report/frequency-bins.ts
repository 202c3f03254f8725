/** One customer's holdout: calibration frequency x, actual and predicted holdout purchases. */
export interface HoldoutPrediction {
  readonly frequency: number;
  readonly actual: number;
  readonly predicted: number;
}

/** Customers grouped by calibration frequency, as in Fader, Hardie & Lee (2005), figure 4. */
export interface FrequencyBin {
  /** "0" ... "6", and "7+" for the open last bin. */
  readonly frequency: string;
  readonly customers: number;
  /** Mean actual holdout purchases (repeat purchase days); null for an empty bin. */
  readonly meanActual: number | null;
  /**
   * Standard error of that mean (sample standard deviation / √customers): how far it may lie from the
   * bin's true mean by chance alone. Null below two customers.
   */
  readonly actualStandardError: number | null;
  /** Mean of the conditional expectations E[Y(t) | x, t_x, T] over the holdout; null when empty. */
  readonly meanPredicted: number | null;
  /** Mean |predicted - actual| of the bin's customers; null when empty. */
  readonly meanAbsoluteError: number | null;
}

/** The open top bin of the standard chart: 7 and more repeat purchases in the calibration. */
export const TOP_FREQUENCY_BIN = 7;

/** Bins 0, 1, ..., topBin - 1 and topBin+ (empty bins included, with null means). */
export function frequencyBins(
  rows: readonly HoldoutPrediction[],
  topBin: number = TOP_FREQUENCY_BIN,
): FrequencyBin[] {
  const sums = Array.from({ length: topBin + 1 }, () => ({
    customers: 0,
    actual: 0,
    actualSquared: 0,
    predicted: 0,
    error: 0,
  }));
  for (const { frequency, actual, predicted } of rows) {
    const bin = sums[Math.min(frequency, topBin)];
    bin.customers += 1;
    bin.actual += actual;
    bin.actualSquared += actual * actual;
    bin.predicted += predicted;
    bin.error += Math.abs(predicted - actual);
  }
  return sums.map((bin, i) => {
    const n = bin.customers;
    const mean = (sum: number): number | null => (n > 0 ? sum / n : null);
    const variance =
      n > 1 ? Math.max(0, (bin.actualSquared - (bin.actual * bin.actual) / n) / (n - 1)) : null;
    return {
      frequency: i === topBin ? `${topBin}+` : String(i),
      customers: n,
      meanActual: mean(bin.actual),
      actualStandardError: variance === null ? null : Math.sqrt(variance / n),
      meanPredicted: mean(bin.predicted),
      meanAbsoluteError: mean(bin.error),
    };
  });
}
