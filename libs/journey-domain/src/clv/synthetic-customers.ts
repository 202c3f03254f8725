import { BgNbdParams } from './bg-nbd';
import { GammaGammaParams } from './gamma-gamma';
import { sampleBeta, sampleExponential, sampleGamma } from './random-variates';
import { roundMinor } from './round-minor';
import { UniformSource } from './seeded-uniform';

/** What to simulate; times are in model time units from the start of the observation (t = 0). */
export interface SyntheticPopulationOptions {
  readonly customers: number;
  readonly bgNbd: BgNbdParams;
  readonly gammaGamma: GammaGammaParams;
  /** End of the calibration window: nothing is observed after it. */
  readonly observationEnd: number;
  /** First purchases fall uniformly in [0, acquisitionWindow]; default 0, a single cohort at t = 0. */
  readonly acquisitionWindow?: number;
  /**
   * Spend is drawn in the units the Gamma-Gamma parameters are in and stored as
   * roundMinor(spend x this); default 100, so v = 15 means a mean of 15 currency units, not cents.
   */
  readonly minorUnitsPerSpendUnit?: number;
  readonly random: UniformSource;
}

/** One simulated customer, with its latent values, so predictions can be checked against the truth. */
export interface SyntheticCustomer {
  /** Purchase times, ascending; the first is the acquisition (first purchase). */
  readonly purchaseTimes: readonly number[];
  /** Integer minor units, one per purchase. */
  readonly amountsMinor: readonly number[];
  readonly lambda: number;
  readonly dropProbability: number;
  readonly nu: number;
  /** Still active at `observationEnd`: it had not dropped out after any purchase. */
  readonly aliveAtEnd: boolean;
}

/** A synthetic customer's RFM summary, shaped like `PurchaseSummary` where the fits read it. */
export interface SyntheticSummary {
  readonly frequency: number;
  readonly recency: number;
  readonly age: number;
  readonly monetaryMinor: number;
}

/**
 * Draws a population from known BG/NBD and Gamma-Gamma parameters, following the models' story (FHL
 * 2005, section 3; Fader & Hardie 2013): per customer λ ~ Gamma(r, alpha) and p ~ Beta(a, b); after
 * the first purchase, purchases arrive as a Poisson process of rate λ (exponential gaps) until the end
 * of the window, and after each repeat purchase the customer drops out with probability p. Per
 * customer ν ~ Gamma(q, v), and each purchase (the first included) spends Gamma(p, ν).
 *
 * The output keeps the raw purchase times and amounts, so the same population can be replayed as
 * order events (a Kafka backtest) as well as summarised with {@link summarizeSynthetic}.
 */
export function generateSyntheticCustomers(options: SyntheticPopulationOptions): SyntheticCustomer[] {
  const { bgNbd, gammaGamma, observationEnd, random } = options;
  const window = options.acquisitionWindow ?? 0;
  const scale = options.minorUnitsPerSpendUnit ?? 100;
  if (!(window >= 0 && window <= observationEnd)) {
    throw new RangeError(
      `acquisition window ${window} must lie within the observation (0..${observationEnd})`,
    );
  }
  const customers: SyntheticCustomer[] = [];
  for (let i = 0; i < options.customers; i += 1) {
    const lambda = sampleGamma(random, bgNbd.r, bgNbd.alpha);
    const dropProbability = sampleBeta(random, bgNbd.a, bgNbd.b);
    const nu = sampleGamma(random, gammaGamma.q, gammaGamma.v);
    const purchaseTimes = [random() * window];
    let aliveAtEnd = true;
    for (;;) {
      const next = purchaseTimes[purchaseTimes.length - 1] + sampleExponential(random, lambda);
      if (!(next <= observationEnd)) break;
      purchaseTimes.push(next);
      if (random() < dropProbability) {
        aliveAtEnd = false;
        break;
      }
    }
    const amountsMinor = purchaseTimes.map(() => roundMinor(sampleGamma(random, gammaGamma.p, nu) * scale));
    customers.push({ purchaseTimes, amountsMinor, lambda, dropProbability, nu, aliveAtEnd });
  }
  return customers;
}

/**
 * The RFM summary of a synthetic customer as of time `at` (<= the population's `observationEnd`), in
 * continuous time: x repeat purchases by `at`, t_x from the first to the last of them, T from the first
 * to `at`, m_x the mean of their amounts (0 without repeats, as `PurchaseSummary` has it). Summarising
 * before the end of the simulation leaves the later purchases as a holdout to check forecasts against.
 *
 * @returns undefined when the customer's first purchase comes after `at`.
 */
export function summarizeSynthetic(customer: SyntheticCustomer, at: number): SyntheticSummary | undefined {
  const { purchaseTimes, amountsMinor } = customer;
  const first = purchaseTimes[0];
  if (first > at) return undefined;
  let frequency = 0;
  let repeatSpend = 0;
  while (frequency + 1 < purchaseTimes.length && purchaseTimes[frequency + 1] <= at) {
    frequency += 1;
    repeatSpend += amountsMinor[frequency];
  }
  return {
    frequency,
    recency: purchaseTimes[frequency] - first,
    age: at - first,
    monetaryMinor: frequency > 0 ? repeatSpend / frequency : 0,
  };
}

/** The summaries at `at` of the customers acquired by then (see {@link summarizeSynthetic}). */
export function summarizeSyntheticPopulation(
  customers: readonly SyntheticCustomer[],
  at: number,
): SyntheticSummary[] {
  return customers.flatMap((customer) => summarizeSynthetic(customer, at) ?? []);
}
