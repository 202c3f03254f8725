import { BgNbdParams, assertBgNbdObservation } from './bg-nbd';
import { logAddExp } from './log-add-exp';
import { logGamma } from './log-gamma';
import { ModelFit, implausible, outsideBounds } from './model-fit';
import { NelderMeadOptions, minimizeNelderMead } from './nelder-mead';

/** One customer's BG/NBD history: x, t_x and T, in the model time unit. `PurchaseSummary` is one. */
export interface BgNbdObservation {
  readonly frequency: number;
  readonly recency: number;
  readonly age: number;
}

/** Options of {@link fitBgNbd}. */
export interface BgNbdFitOptions {
  /** Fewer customers give `not-enough-data`; default {@link DEFAULT_BG_NBD_MIN_CUSTOMERS}. */
  readonly minCustomers?: number;
  /** Where the search starts; by default r = a = b = 1 and alpha = the mean age. */
  readonly start?: BgNbdParams;
  readonly optimizer?: NelderMeadOptions;
}

/**
 * Below this many customers four parameters are not identified in practice (r and alpha, and a and b,
 * trade off along flat ridges of the likelihood), so the fit refuses rather than return noise.
 */
export const DEFAULT_BG_NBD_MIN_CUSTOMERS = 30;

/** Customers sharing a frequency, with their distinct (t_x, T) pairs and how many share each. */
interface FrequencyGroup {
  readonly x: number;
  readonly recency: Float64Array;
  readonly age: Float64Array;
  readonly weight: Float64Array;
}

/**
 * Groups identical (x, t_x, T) rows, as Fader, Hardie & Lee's spreadsheets do, and then by x, so the
 * gamma functions of x are computed once per frequency and each row costs two logarithms. Summaries on
 * the UTC day grid repeat often (with 13 weeks of acquisitions, 50,000 customers make 18,000 rows;
 * a single cohort far fewer), and the likelihood's cost follows the rows, not the customers.
 */
function groupObservations(observations: readonly BgNbdObservation[]): FrequencyGroup[] {
  const rows = new Map<number, Map<string, [number, number, number]>>();
  for (const { frequency: x, recency, age } of observations) {
    assertBgNbdObservation(x, recency, age);
    // Recency is irrelevant without repeat purchases; folding it to 0 merges those rows.
    const tx = x === 0 ? 0 : recency;
    const byPair = rows.get(x) ?? new Map<string, [number, number, number]>();
    rows.set(x, byPair);
    const key = `${tx}|${age}`;
    const row = byPair.get(key);
    if (row) row[2] += 1;
    else byPair.set(key, [tx, age, 1]);
  }
  return [...rows].map(([x, byPair]) => {
    const list = [...byPair.values()];
    return {
      x,
      recency: Float64Array.from(list, (row) => row[0]),
      age: Float64Array.from(list, (row) => row[1]),
      weight: Float64Array.from(list, (row) => row[2]),
    };
  });
}

function totalLogLikelihood(groups: readonly FrequencyGroup[], { r, alpha, a, b }: BgNbdParams): number {
  // A local alias: under Jest every lookup of the global `Math` costs more than the logarithm itself.
  const log = Math.log;
  const populationTerm = -logGamma(r) + r * log(alpha) + logGamma(a + b) - logGamma(b);
  let total = 0;
  for (const { x, recency, age, weight } of groups) {
    const common = populationTerm + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    const dropTerm = x > 0 ? log(a) - log(b + x - 1) : -Infinity;
    let groupSum = 0;
    for (let i = 0; i < age.length; i += 1) {
      const stillAlive = -(r + x) * log(alpha + age[i]);
      const rowLl = x > 0 ? logAddExp(stillAlive, dropTerm - (r + x) * log(alpha + recency[i])) : stillAlive;
      groupSum += weight[i] * rowLl;
    }
    total += groupSum + common * weight.reduce((s, w) => s + w, 0);
  }
  return total;
}

/** The summed BG/NBD log-likelihood of a population (FHL 2005, eq. 6, summed over customers). */
export function bgNbdTotalLogLikelihood(
  params: BgNbdParams,
  observations: readonly BgNbdObservation[],
): number {
  return totalLogLikelihood(groupObservations(observations), params);
}

/**
 * Fits (r, alpha, a, b) by maximum likelihood (FHL 2005): Nelder-Mead with restarts over the
 * log-parameters, which keeps them positive without constraints and makes the search scale-free, on the
 * mean log-likelihood per customer, so tolerances mean the same for a hundred customers or a million.
 *
 * Cost, measured with Node 20 on one core of an AMD EPYC server, synthetic populations in weeks
 * acquired over 13 weeks and observed for 39, summarised on the UTC day grid by `purchaseSummary`:
 * 10,000 customers (4,100 distinct rows) fit in 0.2 s and 50,000 (18,000 distinct rows) in 0.9 s, about
 * 450-500 simplex iterations; with continuous, ungrouped times 0.3 s and 1.4 s. A single cohort (all
 * ages equal) groups much better: 50,000 customers in 0.3 s.
 */
export function fitBgNbd(
  observations: readonly BgNbdObservation[],
  options: BgNbdFitOptions = {},
): ModelFit<BgNbdParams> {
  const customers = observations.length;
  const minCustomers = options.minCustomers ?? DEFAULT_BG_NBD_MIN_CUSTOMERS;
  if (customers === 0 || customers < minCustomers) {
    return {
      ok: false,
      reason: 'not-enough-data',
      customers,
      message: `BG/NBD needs at least ${Math.max(minCustomers, 1)} customers, got ${customers}`,
    };
  }
  const groups = groupObservations(observations);
  if (groups.every((group) => group.x === 0)) {
    // Without a repeat purchase the likelihood rises for ever as r -> 0: there is nothing to fit.
    return {
      ok: false,
      reason: 'not-enough-data',
      customers,
      message: 'BG/NBD needs at least one repeat purchase',
    };
  }
  const meanAge = observations.reduce((sum, o) => sum + o.age, 0) / customers;
  const start = options.start ?? { r: 1, alpha: Math.max(meanAge, 1e-3), a: 1, b: 1 };
  const toParams = ([r, alpha, a, b]: readonly number[]): BgNbdParams => ({
    r: Math.exp(r),
    alpha: Math.exp(alpha),
    a: Math.exp(a),
    b: Math.exp(b),
  });
  const objective = (logParams: readonly number[]): number =>
    outsideBounds(logParams) ? Infinity : -totalLogLikelihood(groups, toParams(logParams)) / customers;
  const startPoint = [start.r, start.alpha, start.a, start.b].map(Math.log);
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
