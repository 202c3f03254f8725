/**
 * The outcome of fitting a population model by maximum likelihood: the parameters, or a typed reason
 * why there are none, never NaN.
 */
export type ModelFit<P> = FittedModel<P> | UnfittedModel;

/** A maximum-likelihood fit. */
export interface FittedModel<P> {
  readonly ok: true;
  readonly params: P;
  /** The summed log-likelihood of every customer at `params`. */
  readonly logLikelihood: number;
  /** Customers the fit used (for Gamma-Gamma: repeat buyers with positive spend). */
  readonly customers: number;
  /** Simplex iterations over all restarts. */
  readonly iterations: number;
  /**
   * The optimiser converged to an interior optimum. False when it ran out of budget, or when the
   * likelihood kept rising towards an implausible parameter (too little data to pin the parameters
   * down, see {@link PLAUSIBLE_LOG_PARAM}); the parameters are then the best found, finite, but should
   * not be trusted.
   */
  readonly converged: boolean;
}

/** No fit: too few usable customers. */
export interface UnfittedModel {
  readonly ok: false;
  readonly reason: 'not-enough-data';
  readonly customers: number;
  readonly message: string;
}

/**
 * Log-parameters are searched within ±LOG_PARAM_BOUND (e^±30, about 1e-13 to 1e13), which keeps exp()
 * far from overflow.
 */
export const LOG_PARAM_BOUND = 30;

/**
 * An optimum with a parameter beyond e^±18 (below 1.5e-8 or above 6.6e7) is not a population of
 * customers measured in days or weeks: it means the likelihood was still rising towards a bound, as it
 * does when the data cannot pin the parameters down (a lone customer, no repeat purchases at all), and
 * the optimiser stopped on a plateau. Such a fit is reported as not converged.
 */
export const PLAUSIBLE_LOG_PARAM = 18;

/** True when a point lies outside the search box; the objective is then +Infinity. */
export function outsideBounds(logParams: readonly number[]): boolean {
  return logParams.some((value) => !(Math.abs(value) <= LOG_PARAM_BOUND));
}

/** True when some parameter is beyond {@link PLAUSIBLE_LOG_PARAM} in log terms. */
export function implausible(logParams: readonly number[]): boolean {
  return logParams.some((value) => Math.abs(value) > PLAUSIBLE_LOG_PARAM);
}
