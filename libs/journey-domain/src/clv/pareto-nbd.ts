import { assertBgNbdObservation } from './bg-nbd';
import { logAddExp } from './log-add-exp';
import { logGamma } from './log-gamma';

/**
 * Pareto/NBD population parameters (Schmittlein, Morrison & Colombo 1987): while alive a customer buys
 * at rate λ ~ Gamma(r, alpha), and stays alive for an exponential lifetime of rate μ ~ Gamma(s, beta)
 * (alpha and beta rates, in the inverse of the model time unit). Unlike the BG/NBD, a customer can
 * die at any instant, not only right after a purchase.
 */
export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/**
 * The hypergeometric series of A_0 converges like z^n, z = |alpha - beta| / (max + y): slowly only when
 * one of alpha and beta is thousands of times the other, which no population measured in days or weeks
 * has but an optimiser's first steps can visit. Past this many terms the likelihood is refused (a
 * RangeError, which the fit reads as an infinitely bad point) rather than summed for milliseconds.
 */
const MAX_A0_TERMS = 20_000;
/** The series stops when its remainder is below this fraction of the sum: far below what a fit resolves. */
const A0_TOLERANCE = 1e-14;

/**
 * ln 2F1(a, b; a + 1; z) for a, b > 0 and 0 <= z < 1, the only hypergeometric function A_0 needs. By
 * Euler's transformation it is (1 - z)^(1 - b) · Σ_n (a + 1 - b)_n / (a + 1)_n · z^n, whose term ratios
 * (a + 1 - b + n) / (a + 1 + n) · z stay below z for b > 0: the remainder after a term is at most
 * term · z / (1 - z), whatever a and b. A dedicated loop rather than the general `hyp2f1`: the fit
 * evaluates this twice per customer row per step, and the general function's checks were most of it.
 */
function logHyp2f1NextC(a: number, b: number, z: number): number {
  const p = a + 1 - b;
  const q = a + 1;
  let term = 1;
  let sum = 1;
  const stop = z === 0 ? Infinity : (A0_TOLERANCE * (1 - z)) / z;
  for (let n = 0; term > stop * sum; n += 1) {
    if (n === MAX_A0_TERMS)
      throw new RangeError(`2F1(${a}, ${b}; ${a + 1}; ${z}) needs over ${MAX_A0_TERMS} terms`);
    term *= ((p + n) / (q + n)) * z;
    sum += term;
  }
  return (1 - b) * Math.log1p(-z) + Math.log(sum);
}

/** Within this of 1, s - 1 is treated as 0 in the expectations (their limit is a logarithm). */
const S_NEAR_ONE = 1e-8;

/**
 * ln of one term of A_0 (Fader, Hardie & Lee 2005, "A Note on Implementing the Pareto/NBD Model in
 * MATLAB", eq. 2-3): 2F1(r + s + x, b; r + s + x + 1; |alpha - beta| / (max + y)) / (max + y)^(r + s + x),
 * with b = s + 1 when alpha >= beta, else r + x, and max the larger of alpha and beta, so the argument
 * lies in [0, 1). The power is kept in logs: (max + y)^(r + s + x) overflows for a few hundred
 * purchases, which is where the note's naive MATLAB form breaks down.
 */
function logA0Term(params: ParetoNbdParams, x: number, y: number): number {
  const { r, alpha, s, beta } = params;
  const c = r + s + x;
  const high = Math.max(alpha, beta);
  const b = alpha >= beta ? s + 1 : r + x;
  const z = Math.abs(alpha - beta) / (high + y);
  return logHyp2f1NextC(c, b, z) - c * Math.log(high + y);
}

/**
 * ln[(s / (r + s + x)) · A_0]: the likelihood's term for a customer who died between t_x and T. A_0 is
 * the difference of the terms at t_x and at T; the one at T is the smaller, so the difference is taken
 * as ln(term(t_x)) + ln(1 - e^(ln term(T) - ln term(t_x))), which neither overflows nor loses the sign.
 * -Infinity when t_x = T (no time to die in).
 */
function logDiedTerm(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  if (!(tx < T)) return -Infinity;
  const atTx = logA0Term(params, x, tx);
  const atT = logA0Term(params, x, T);
  const gap = atT - atTx;
  if (!(gap < 0)) return -Infinity;
  return Math.log(params.s) - Math.log(params.r + params.s + x) + atTx + Math.log(-Math.expm1(gap));
}

/** ln[(alpha + T)^-(r+x) (beta + T)^-s]: the likelihood's term for a customer still alive at T. */
function logAliveTerm({ r, alpha, s, beta }: ParetoNbdParams, x: number, T: number): number {
  return -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
}

/**
 * ln L(r, alpha, s, beta | x, t_x, T) for one customer (Fader, Hardie & Lee 2005, MATLAB note, eq. 1):
 *
 *   L = Γ(r + x) alpha^r beta^s / Γ(r) · [ (alpha + T)^-(r+x) (beta + T)^-s + s / (r + s + x) · A_0 ],
 *
 * every factor in logs and the bracket by log-sum-exp, so it stays finite for large x and T.
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  assertBgNbdObservation(x, tx, T);
  return paretoNbdCommonTerm(params, x) + paretoNbdBracketTerm(params, x, tx, T);
}

/** ln[Γ(r + x) alpha^r beta^s / Γ(r)]: the part of ln L shared by every customer with x repeat purchases. */
export function paretoNbdCommonTerm({ r, alpha, s, beta }: ParetoNbdParams, x: number): number {
  return logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
}

/** ln of the bracket of ln L, for an observation already checked. */
export function paretoNbdBracketTerm(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  return logAddExp(logAliveTerm(params, x, T), logDiedTerm(params, x, tx, T));
}

/**
 * P(alive | x, t_x, T) (Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", eq. 18): the alive term's share of the bracket above,
 *
 *   P(alive) = 1 / (1 + s / (r + s + x) · (alpha + T)^(r+x) (beta + T)^s · A_0),
 *
 * as a logistic of the log odds. Unlike the BG/NBD's, it is below 1 for a customer without repeat
 * purchases too: a Pareto/NBD customer may die at any time.
 */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  assertBgNbdObservation(x, tx, T);
  const logOdds = logDiedTerm(params, x, tx, T) - logAliveTerm(params, x, T);
  if (logOdds === -Infinity) return 1;
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/** [1 - (1 + u)^-(s-1)] / (s - 1), and its limit ln(1 + u) at s = 1. */
function lifetimeFactor(s: number, u: number): number {
  const k = s - 1;
  if (Math.abs(k) < S_NEAR_ONE) return Math.log1p(u);
  return -Math.expm1(-k * Math.log1p(u)) / k;
}

/**
 * E[X(t)]: expected purchases in the first t time units of a randomly chosen new customer (Schmittlein,
 * Morrison & Colombo 1987; Fader & Hardie 2005, eq. 17):
 *
 *   E[X(t)] = r beta / (alpha (s - 1)) · [1 - (beta / (beta + t))^(s - 1)].
 */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, t: number): number {
  if (!(t >= 0)) throw new RangeError(`t must be >= 0, got ${t}`);
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * lifetimeFactor(s, t / beta);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the t time units after T of a customer with history
 * (x, t_x, T) (Fader & Hardie 2005, eq. 22):
 *
 *   E[Y(t) | ...] = (r + x)(beta + T) / ((alpha + T)(s - 1)) · [1 - ((beta + T) / (beta + T + t))^(s - 1)]
 *                   · P(alive | x, t_x, T),
 *
 * with the limit ln(1 + t / (beta + T)) for s = 1.
 */
export function paretoNbdConditionalExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (!(t >= 0)) throw new RangeError(`t must be >= 0, got ${t}`);
  const { r, alpha, s, beta } = params;
  const alive = paretoNbdProbabilityAlive(params, x, tx, T);
  return (((r + x) * (beta + T)) / (alpha + T)) * lifetimeFactor(s, t / (beta + T)) * alive;
}
