// Bound once: inside a vm context (Jest's environment) each lookup of the global `Math` goes through the
// context's interceptor and costs more than the arithmetic; the fits call this millions of times.
const { exp, log1p, max, min } = Math;

/**
 * ln(e^u + e^v) without overflow or underflow: the BG/NBD likelihood adds two probabilities that are
 * each far below the smallest double for a customer with hundreds of purchases.
 */
export function logAddExp(u: number, v: number): number {
  const high = max(u, v);
  if (high === -Infinity) return -Infinity;
  return high + log1p(exp(min(u, v) - high));
}
