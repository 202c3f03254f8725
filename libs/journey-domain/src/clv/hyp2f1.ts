/** Terms are added until the bounded remainder is below this fraction of the sum (about 2^-53). */
const RELATIVE_TOLERANCE = 1.1e-16;
/** Enough for z = 0.99999 with a slowly decaying tail; past this the series is declared divergent. */
const MAX_TERMS = 2_000_000;
/**
 * Above this z a series whose terms grow at first (c - a - b < 0, which diverges at z = 1) is summed
 * after Euler's transformation instead, whose terms decay.
 */
const EULER_THRESHOLD = 0.5;

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) for real z < 1: Abramowitz & Stegun 15.1.1.
 *
 * @throws RangeError when c is zero or a negative integer (a pole), when z >= 1, or when the series
 *   does not converge within two million terms.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return scaledHyp2f1(a, b, c, z, 0);
}

/**
 * (1 - z)^s · 2F1(a, b; c; z). The BG/NBD expectations need exactly this product, whose two factors can
 * overflow and underflow on their own for a customer with hundreds of purchases: here the power is
 * folded into the transformations' prefactors in logs, and only the final product is exponentiated.
 *
 * - z < 0: Pfaff's transformation (A&S 15.3.4), 2F1(a, b; c; z) = (1 - z)^-a 2F1(a, c - b; c; z / (z - 1)),
 *   moves the argument into (0, 1), so z^n no longer alternates in sign and cancels.
 * - z > 1/2 and c - a - b < 0: Euler's transformation (A&S 15.3.3),
 *   2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z), trades terms that grow like
 *   n^(a + b - c - 1) z^n before they shrink for terms that decay from the start.
 * - then the defining series, summed until the geometric bound on its remainder is negligible.
 *
 * @throws RangeError as {@link hyp2f1} does.
 */
export function scaledHyp2f1(a: number, b: number, c: number, z: number, s: number): number {
  // Spelled out rather than `[a, b, c, z, s].some(...)`: the CLV of every buyer calls this a dozen times.
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(z) || Number.isNaN(s)) {
    return Number.NaN;
  }
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`2F1 has a pole at c = ${c}`);
  if (!(z < 1)) throw new RangeError(`2F1 is only evaluated for z < 1, got z = ${z}`);
  let logPrefactor = s === 0 ? 0 : s * Math.log1p(-z);
  let p = a;
  let q = b;
  let w = z;
  if (w < 0) {
    logPrefactor -= p * Math.log1p(-w);
    q = c - q;
    w = w / (w - 1);
  }
  if (w > EULER_THRESHOLD && c - p - q < 0) {
    logPrefactor += (c - p - q) * Math.log1p(-w);
    const eulerP = c - p;
    q = c - q;
    p = eulerP;
  }
  const sum = gaussSeries(p, q, c, w);
  if (sum === 0) return 0;
  return Math.sign(sum) * Math.exp(logPrefactor + Math.log(Math.abs(sum)));
}

/** The defining series Σ (a)_n (b)_n / ((c)_n n!) z^n for 0 <= z < 1. */
function gaussSeries(a: number, b: number, c: number, z: number): number {
  // Until n passes -a, -b and -c the term ratios can change sign and size erratically; after that they
  // tend monotonically to z, so |term| q / (1 - q) with q = max(|ratio|, z) bounds the remainder.
  const settledAfter = Math.max(0, -a, -b, -c) + 1;
  // A local alias: under Jest every lookup of the global `Math` costs more than a term of the series.
  const abs = Math.abs;
  let term = 1;
  let sum = 1;
  // Neumaier's compensation: near z = 1 the series runs to hundreds of thousands of terms, and plain
  // summation would lose about one digit per factor of ten in their number.
  let compensation = 0;
  for (let n = 0; n < MAX_TERMS; n += 1) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    if (term === 0) return sum + compensation;
    const next = sum + term;
    compensation += abs(sum) >= abs(term) ? sum - next + term : term - next + sum;
    sum = next;
    if (n + 1 < settledAfter) continue;
    const nextRatio = abs((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z);
    const q = nextRatio > z ? nextRatio : z;
    if (q < 1 && (abs(term) * q) / (1 - q) <= RELATIVE_TOLERANCE * abs(sum)) return sum + compensation;
  }
  throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${MAX_TERMS} terms`);
}
