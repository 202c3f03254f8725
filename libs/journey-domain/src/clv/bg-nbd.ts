import { expectationOverBeta } from './beta-mixture';
import { scaledHyp2f1 } from './hyp2f1';
import { logAddExp } from './log-add-exp';
import { logGamma } from './log-gamma';

/**
 * BG/NBD population parameters: purchase rates λ ~ Gamma(r, alpha) (alpha a rate, in the inverse of the
 * model time unit) and drop-out probabilities p ~ Beta(a, b).
 *
 * Source: Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2), 275-284. Times x, t_x and T below are in the unit the
 * parameters were fitted in (see `TimeUnit`); alpha scales with it (alpha in days = 7 x alpha in weeks).
 */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/**
 * Near a = 1 the closed forms' (a - 1) denominators meet a bracket that vanishes with them (0 / 0), and
 * when a + b - 1 (the 2F1 parameter c) reaches 0 the function has a pole that the prefactor cancels.
 * Inside these margins the expectation is integrated numerically instead (see `mixtureExpectation`).
 */
const A_NEAR_ONE = 1e-3;
const C_NEAR_ZERO = 1e-2;

/** Checks one customer's (x, t_x, T): x a whole number of repeat purchases, 0 <= t_x <= T. */
export function assertBgNbdObservation(x: number, tx: number, T: number): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`frequency must be a whole number >= 0, got ${x}`);
  if (!(tx >= 0 && tx <= T && Number.isFinite(T))) {
    throw new RangeError(`need 0 <= recency <= age, got recency ${tx} and age ${T}`);
  }
}

/**
 * ln L(r, alpha, a, b | x, t_x, T) for one customer (FHL 2005), in logs throughout:
 *
 *   L = B(a, b + x) / B(a, b) · Γ(r + x) alpha^r / Γ(r)
 *       · [ (alpha + T)^-(r+x) + δ(x > 0) · a / (b + x - 1) · (alpha + t_x)^-(r+x) ]
 *
 * and the bracket by log-sum-exp, so neither power underflows for a customer with hundreds of purchases.
 */
export function bgNbdLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  assertBgNbdObservation(x, tx, T);
  const { r, alpha, a, b } = params;
  const common =
    logGamma(r + x) -
    logGamma(r) +
    r * Math.log(alpha) +
    logGamma(a + b) +
    logGamma(b + x) -
    logGamma(b) -
    logGamma(a + b + x);
  const stillAlive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return common + stillAlive;
  const droppedAfterLast = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return common + logAddExp(stillAlive, droppedAfterLast);
}

/**
 * P(alive | x, t_x, T): the probability that the customer has not dropped out by T. In the BG/NBD a
 * customer can drop out only right after a repeat purchase, so with no repeat purchase (x = 0) it is
 * exactly 1: the δ(x > 0) below, as in Fader, Hardie & Lee's note "Computing P(alive) Using the
 * BG/NBD Model" (brucehardie.com/notes/021):
 *
 *   P(alive) = 1 / (1 + δ(x > 0) · a / (b + x - 1) · ((alpha + T) / (alpha + t_x))^(r + x)),
 *
 * evaluated as a logistic of the log odds so a long-silent heavy buyer does not overflow to NaN.
 */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  assertBgNbdObservation(x, tx, T);
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * E[X(t)]: expected repeat purchases in the first t time units of a randomly chosen new customer
 * (FHL 2005, eq. 9):
 *
 *   E[X(t)] = (a + b - 1) / (a - 1) · [1 - (alpha / (alpha + t))^r · 2F1(r, b; a + b - 1; t / (alpha + t))].
 */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  if (!(t >= 0)) throw new RangeError(`t must be >= 0, got ${t}`);
  return mixtureExpectation(params.r, params.alpha, params.a, params.b, t);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the t time units after T of a customer with history
 * (x, t_x, T) (FHL 2005, eq. 10):
 *
 *   E[Y(t) | ...] = (a + b + x - 1) / (a - 1)
 *                   · [1 - ((alpha + T) / (alpha + T + t))^(r + x) · 2F1(r + x, b + x; a + b + x - 1; z)]
 *                   · P(alive | x, t_x, T),   z = t / (alpha + T + t).
 *
 * The first two factors are E[X(t)] of a customer alive at T, whose posterior is λ ~ Gamma(r + x,
 * alpha + T) and p ~ Beta(a, b + x): the same expression as {@link expectedPurchases} with updated
 * parameters. With x = 0, P(alive) is 1 and the expression stays valid.
 */
export function conditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (!(t >= 0)) throw new RangeError(`t must be >= 0, got ${t}`);
  const alive = probabilityAlive(params, x, tx, T);
  const { r, alpha, a, b } = params;
  return alive * mixtureExpectation(r + x, alpha + T, a, b + x, t);
}

/**
 * E over λ ~ Gamma(s, A) and p ~ Beta(a, β) of the expected purchases of a live customer over the next t,
 * (1/p)(1 - e^(-λpt)) (FHL 2005). Integrating λ out gives (1/p)(1 - (A / (A + pt))^s); the
 * closed form then integrates p out through 2F1, which divides by (a - 1). Below a = 1, E[1/p] is
 * infinite, but the difference stays finite and the closed form, continued analytically, still holds
 * (the published CDNOW fit has a = 0.793); only near a = 1 (0 / 0) and near c = a + β - 1 = 0 is it
 * ill-conditioned, and there the integral over p is taken numerically, which needs no a > 1 at all.
 */
function mixtureExpectation(s: number, A: number, a: number, beta: number, t: number): number {
  if (t === 0) return 0;
  const c = a + beta - 1;
  if (Math.abs(a - 1) >= A_NEAR_ONE && c >= C_NEAR_ZERO) {
    const z = t / (A + t);
    return (c / (a - 1)) * (1 - scaledHyp2f1(s, beta, c, z, s));
  }
  const rate = t / A;
  return expectationOverBeta(a, beta, (p) =>
    p === 0 ? s * rate : -Math.expm1(-s * Math.log1p(p * rate)) / p,
  );
}
