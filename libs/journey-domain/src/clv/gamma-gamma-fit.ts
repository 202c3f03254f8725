import { GammaGammaParams, assertGammaGammaObservation } from './gamma-gamma';
import { logGamma } from './log-gamma';
import { ModelFit, implausible, outsideBounds } from './model-fit';
import { NelderMeadOptions, minimizeNelderMead } from './nelder-mead';

/** One customer's spend history: x repeat purchases averaging m_x minor units. `PurchaseSummary` is one. */
export interface GammaGammaObservation {
  readonly frequency: number;
  readonly monetaryMinor: number;
}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaFitOptions {
  /** Fewer usable customers give `not-enough-data`; default {@link DEFAULT_GAMMA_GAMMA_MIN_CUSTOMERS}. */
  readonly minCustomers?: number;
  /** Where the search starts; by default p = 1, q = 2 and v = the mean m_x (so p v / (q - 1) = mean m_x). */
  readonly start?: GammaGammaParams;
  readonly optimizer?: NelderMeadOptions;
}

/** A Gamma-Gamma fit, with the observed mean spend as a fallback for customers the model cannot price. */
export type GammaGammaFit = ModelFit<GammaGammaParams> & {
  /** Mean m_x over the customers used, minor units (real); 0 when there are none. */
  readonly meanSpendMinor: number;
};

/** Three parameters from fewer repeat buyers than this are noise; the fit refuses instead. */
export const DEFAULT_GAMMA_GAMMA_MIN_CUSTOMERS = 30;

/**
 * Fits (p, q, v) by maximum likelihood over the repeat buyers only (x > 0), as Fader & Hardie (2013)
 * do: a customer without repeat transactions has no m_x, and one whose repeat days were all refunded
 * (m_x = 0 after flooring) has none the Gamma density allows, so both are left out and not counted in
 * `customers`. Identical (x, m_x) rows are weighted together and grouped by x, and the search is the
 * same Nelder-Mead over log-parameters as the BG/NBD fit.
 */
export function fitGammaGamma(
  observations: readonly GammaGammaObservation[],
  options: GammaGammaFitOptions = {},
): GammaGammaFit {
  const groups = new Map<number, Map<number, number>>();
  let customers = 0;
  let spendSum = 0;
  for (const { frequency: x, monetaryMinor: mx } of observations) {
    if (x === 0 || mx === 0) continue;
    assertGammaGammaObservation(x, mx);
    customers += 1;
    spendSum += mx;
    const weights = groups.get(x) ?? new Map<number, number>();
    groups.set(x, weights);
    weights.set(mx, (weights.get(mx) ?? 0) + 1);
  }
  const meanSpendMinor = customers > 0 ? spendSum / customers : 0;
  const minCustomers = options.minCustomers ?? DEFAULT_GAMMA_GAMMA_MIN_CUSTOMERS;
  if (customers === 0 || customers < minCustomers) {
    return {
      ok: false,
      reason: 'not-enough-data',
      customers,
      meanSpendMinor,
      message: `Gamma-Gamma needs at least ${Math.max(minCustomers, 1)} repeat buyers, got ${customers}`,
    };
  }
  const data = [...groups].map(([x, weights]) => ({
    x,
    logX: Math.log(x),
    mx: Float64Array.from(weights.keys()),
    logMx: Float64Array.from(weights.keys(), Math.log),
    weight: Float64Array.from(weights.values()),
    totalWeight: [...weights.values()].reduce((sum, w) => sum + w, 0),
  }));
  const toParams = ([p, q, v]: readonly number[]): GammaGammaParams => ({
    p: Math.exp(p),
    q: Math.exp(q),
    v: Math.exp(v),
  });
  // Per x, the gamma functions are shared; each distinct m_x then costs one logarithm.
  // A local alias: under Jest every lookup of the global `Math` costs more than the logarithm itself.
  const log = Math.log;
  const objective = (logParams: readonly number[]): number => {
    if (outsideBounds(logParams)) return Infinity;
    const { p, q, v } = toParams(logParams);
    const populationTerm = q * log(v) - logGamma(q);
    let total = 0;
    for (const group of data) {
      const px = p * group.x;
      const common = logGamma(px + q) - logGamma(px) + populationTerm + px * group.logX;
      let groupSum = 0;
      for (let i = 0; i < group.mx.length; i += 1) {
        groupSum += group.weight[i] * ((px - 1) * group.logMx[i] - (px + q) * log(v + group.x * group.mx[i]));
      }
      total += groupSum + common * group.totalWeight;
    }
    return -total / customers;
  };
  const start = options.start ?? { p: 1, q: 2, v: meanSpendMinor };
  const result = minimizeNelderMead(objective, [start.p, start.q, start.v].map(Math.log), options.optimizer);
  return {
    ok: true,
    params: toParams(result.point),
    logLikelihood: -result.value * customers,
    customers,
    iterations: result.iterations,
    converged: result.converged && Number.isFinite(result.value) && !implausible(result.point),
    meanSpendMinor,
  };
}
