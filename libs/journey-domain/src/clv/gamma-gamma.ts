import { logGamma } from './log-gamma';

/**
 * Gamma-Gamma spend parameters: each transaction's spend is Gamma(p, ν) (shape p, rate ν) around a
 * customer's mean p / ν, and ν ~ Gamma(q, v) across customers. `v` is in the spend's unit (here minor
 * units: v in cents = 100 x v in euros); p and q are unitless.
 *
 * Source: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value" (note,
 * brucehardie.com/notes/025), after Colombo & Jiang (1999); applied with the BG/NBD in Fader, Hardie &
 * Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4), 415-430.
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly v: number;
}

/** Checks one repeat buyer's (x, m_x): a whole x >= 1 and a positive mean spend. */
export function assertGammaGammaObservation(x: number, mx: number): void {
  if (!Number.isInteger(x) || x < 1)
    throw new RangeError(`Gamma-Gamma needs x >= 1 repeat purchases, got ${x}`);
  if (!(mx > 0 && Number.isFinite(mx)))
    throw new RangeError(`Gamma-Gamma needs a positive mean spend, got ${mx}`);
}

/**
 * ln f(m_x | p, q, v; x) for a customer whose x repeat transactions average m_x (Fader & Hardie
 * 2013):
 *
 *   f = Γ(px + q) / (Γ(px) Γ(q)) · v^q m_x^(px - 1) x^px / (v + x m_x)^(px + q).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: number, mx: number): number {
  assertGammaGammaObservation(x, mx);
  const { p, q, v } = params;
  const px = p * x;
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * Math.log(v) +
    (px - 1) * Math.log(mx) +
    px * Math.log(x) -
    (px + q) * Math.log(v + x * mx)
  );
}

/**
 * E[Z | x, m_x]: the expected spend of the customer's future transactions (Fader & Hardie 2013),
 * a weighted mean of the population mean p v / (q - 1) and the customer's own mean m_x:
 *
 *   E[Z | x, m_x] = p (v + x m_x) / (p x + q - 1).
 *
 * Guard: with q <= 1 the population mean spend p v / (q - 1) is infinite (E[1/ν] diverges). The
 * formula above stays finite while p x + q > 1, but it then lands above the customer's own mean for
 * every customer, shrinking towards an infinite prior; the model says nothing useful about spend. So
 * for q <= 1 this returns the customer's own mean m_x when there are repeat purchases (x > 0), and
 * `fallbackMinor` (the population's observed mean, say) for a customer without any. A customer
 * without repeat purchases under q > 1 gets the population mean p v / (q - 1).
 *
 * @param mx the mean spend of the repeat transactions in minor units; ignored when x = 0.
 * @returns a real number of minor units (round it at the boundary), or `undefined` when q <= 1, x = 0
 *   and no fallback was given.
 */
export function conditionalExpectedSpend(
  params: GammaGammaParams,
  x: number,
  mx: number,
  fallbackMinor?: number,
): number | undefined {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`frequency must be a whole number >= 0, got ${x}`);
  const { p, q, v } = params;
  if (q <= 1) return x > 0 ? mx : fallbackMinor;
  if (x === 0) return (p * v) / (q - 1);
  return (p * (v + x * mx)) / (p * x + q - 1);
}
