/**
 * Lanczos (1964) coefficients for g = 7, n = 9, as computed by Paul Godfrey: relative error of about
 * 1e-15 for x >= 0.5.
 */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
// Bound once: under Jest every lookup of the global `Math` costs more than the logarithm itself.
const { log } = Math;

/**
 * The natural logarithm of |Γ(x)| (Lanczos approximation, reflected for x < 1/2). The model
 * likelihoods work with ratios of gamma functions of large arguments (Γ(r + x) for a customer with
 * hundreds of purchases), so they are taken in logs where Γ itself would overflow past 171.
 *
 * @returns `Infinity` at the poles x = 0, -1, -2, ...
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let series: number = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i += 1) series += LANCZOS_COEFFICIENTS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * log(t) - t + log(series);
}

/** The logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
