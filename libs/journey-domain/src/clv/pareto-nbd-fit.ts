import { BgNbdObservation } from './bg-nbd-fit';
import { assertBgNbdObservation } from './bg-nbd';
import { ModelFit, implausible, outsideBounds } from './model-fit';
import { NelderMeadOptions, minimizeNelderMead } from './nelder-mead';
import { ParetoNbdParams, paretoNbdBracketTerm, paretoNbdCommonTerm } from './pareto-nbd';

/** Options of {@link fitParetoNbd}. */
export interface ParetoNbdFitOptions {
  /** Fewer customers give `not-enough-data`; default {@link DEFAULT_PARETO_NBD_MIN_CUSTOMERS}. */
  readonly minCustomers?: number;
  /** Where the search starts; by default r = s = 1 and alpha = beta = the mean age. */
  readonly start?: ParetoNbdParams;
  readonly optimizer?: NelderMeadOptions;
}

/** As for the BG/NBD: below this many customers four parameters are not identified in practice. */
export const DEFAULT_PARETO_NBD_MIN_CUSTOMERS = 30;

/** A distinct (x, t_x, T) and how many customers share it. */
interface Row {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly weight: number;
}

/**
 * Groups identical (x, t_x, T) rows: the Pareto/NBD's two hypergeometric functions per row are the
 * cost of the fit, and summaries on the UTC day grid repeat often.
 */
function groupRows(observations: readonly BgNbdObservation[]): Row[] {
  const rows = new Map<string, { x: number; tx: number; T: number; weight: number }>();
  for (const { frequency: x, recency, age } of observations) {
    assertBgNbdObservation(x, recency, age);
    const tx = x === 0 ? 0 : recency;
    const key = `${x}|${tx}|${age}`;
    const row = rows.get(key);
    if (row) row.weight += 1;
    else rows.set(key, { x, tx, T: age, weight: 1 });
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

function totalLogLikelihood(rows: readonly Row[], params: ParetoNbdParams): number {
  // Rows are grouped by x (see groupRows), so the gamma functions of x are computed once per frequency.
  let total = 0;
  let x = -1;
  let common = 0;
  for (const row of rows) {
    if (row.x !== x) {
      x = row.x;
      common = paretoNbdCommonTerm(params, x);
    }
    total += row.weight * (common + paretoNbdBracketTerm(params, x, row.tx, row.T));
  }
  return total;
}

/** The summed Pareto/NBD log-likelihood of a population. */
export function paretoNbdTotalLogLikelihood(
  params: ParetoNbdParams,
  observations: readonly BgNbdObservation[],
): number {
  return totalLogLikelihood(groupRows(observations), params);
}

/**
 * Fits (r, alpha, s, beta) by maximum likelihood (Fader, Hardie & Lee 2005, MATLAB note): Nelder-Mead
 * with restarts over the log-parameters, on the mean log-likelihood per customer, exactly as
 * `fitBgNbd` does, so the two fits' log-likelihoods on the same summaries compare directly. A point
 * where the likelihood cannot be evaluated (a hypergeometric series that does not converge at an
 * extreme corner of the search box) counts as infinitely bad rather than aborting the search.
 */
export function fitParetoNbd(
  observations: readonly BgNbdObservation[],
  options: ParetoNbdFitOptions = {},
): ModelFit<ParetoNbdParams> {
  const customers = observations.length;
  const minCustomers = options.minCustomers ?? DEFAULT_PARETO_NBD_MIN_CUSTOMERS;
  if (customers === 0 || customers < minCustomers) {
    return {
      ok: false,
      reason: 'not-enough-data',
      customers,
      message: `Pareto/NBD needs at least ${Math.max(minCustomers, 1)} customers, got ${customers}`,
    };
  }
  const rows = groupRows(observations);
  if (rows.every((row) => row.x === 0)) {
    return {
      ok: false,
      reason: 'not-enough-data',
      customers,
      message: 'Pareto/NBD needs at least one repeat purchase',
    };
  }
  const meanAge = observations.reduce((sum, o) => sum + o.age, 0) / customers;
  const scale = Math.max(meanAge, 1e-3);
  const start = options.start ?? { r: 1, alpha: scale, s: 1, beta: scale };
  const toParams = ([r, alpha, s, beta]: readonly number[]): ParetoNbdParams => ({
    r: Math.exp(r),
    alpha: Math.exp(alpha),
    s: Math.exp(s),
    beta: Math.exp(beta),
  });
  const objective = (logParams: readonly number[]): number => {
    if (outsideBounds(logParams)) return Infinity;
    try {
      const value = -totalLogLikelihood(rows, toParams(logParams)) / customers;
      return Number.isNaN(value) ? Infinity : value;
    } catch (error) {
      if (error instanceof RangeError) return Infinity;
      throw error;
    }
  };
  const startPoint = [start.r, start.alpha, start.s, start.beta].map(Math.log);
  const result = minimizeNelderMead(objective, startPoint, options.optimizer);
  return {
    ok: true,
    params: toParams(result.point),
    logLikelihood: -result.value * customers,
    customers,
    iterations: result.iterations,
    converged: result.converged && Number.isFinite(result.value) && !implausible(result.point),
  };
}
