import { sampleBeta, sampleExponential, sampleGamma } from '@pipeline/journey-domain';
import { SeededRandom } from './seeded-random';

/**
 * The population a buyer's repeat purchasing is drawn from: the BG/NBD's buy-till-you-die process
 * (Fader, Hardie & Lee 2005) for when, and the Gamma-Gamma (Fader & Hardie 2013) for how much.
 *
 * - purchase rate λ ~ Gamma(r, alpha) per day: while alive, repeat purchases arrive as a Poisson
 *   process of rate λ;
 * - drop-out probability p ~ Beta(a, b): after each repeat purchase the customer leaves for good with
 *   probability p;
 * - spend: each customer's ν ~ Gamma(q, gamma) (gamma in major units), each purchase z ~ Gamma(spendP, ν),
 *   so mean spend per purchase varies between customers around spendP gamma / (q - 1).
 */
export interface PurchasePopulation {
  readonly r: number;
  /** A rate scale in days: the mean purchase rate is r / alpha per day. */
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
  readonly spendP: number;
  readonly q: number;
  /** Major units of the currency. */
  readonly gamma: number;
}

/**
 * One purchase every 75 days on average while alive (r / alpha = 0.6 / 45), a mean drop-out of 20 %
 * after each repeat purchase, and spend per purchase of 120 on average (4 x 60 / 2), varying between
 * customers: repeat buying like a retailer's, a population a refit can fit.
 */
export const DEFAULT_PURCHASE_POPULATION: PurchasePopulation = {
  r: 0.6,
  alpha: 45,
  a: 0.8,
  b: 3.2,
  spendP: 4,
  q: 3,
  gamma: 60,
};

/** A bound on one customer's orders, so a rare very fast buyer cannot flood the stream. */
export const MAX_ORDERS_PER_CUSTOMER = 60;

const DAY = 86_400_000;

/** A buyer's purchases: epoch-ms times from the first, ascending, and amounts in minor units. */
export interface PurchaseHistory {
  readonly times: readonly number[];
  readonly amountsMinor: readonly number[];
}

/**
 * Draws one buyer's purchases: the first at `firstAt`, then repeat purchases by the process above
 * until the buyer drops out, `endMs` passes, or {@link MAX_ORDERS_PER_CUSTOMER} is reached. Every
 * amount is at least one minor unit.
 */
export function drawPurchases(
  random: SeededRandom,
  population: PurchasePopulation,
  firstAt: number,
  endMs: number,
): PurchaseHistory {
  const uniform = (): number => random.next();
  const lambda = sampleGamma(uniform, population.r, population.alpha);
  const dropout = sampleBeta(uniform, population.a, population.b);
  const nu = sampleGamma(uniform, population.q, population.gamma);
  const amount = (): number => Math.max(1, Math.round(sampleGamma(uniform, population.spendP, nu) * 100));
  const times = [firstAt];
  const amountsMinor = [amount()];
  let t = firstAt;
  while (times.length < MAX_ORDERS_PER_CUSTOMER) {
    t += Math.round(sampleExponential(uniform, lambda) * DAY);
    if (!(t <= endMs)) break;
    times.push(t);
    amountsMinor.push(amount());
    if (random.chance(dropout)) break;
  }
  return { times, amountsMinor };
}
