/** A field of a fact tuple that takes part in ordering. */
type Comparable = string | number | null;

/**
 * Lexicographic order of two equally shaped tuples (null first). Competing versions of one fact
 * (two order_placed with the same orderId) are settled by keeping the smaller, which picks the same
 * winner whatever order they arrive in.
 */
export function compareFacts(a: readonly Comparable[], b: readonly Comparable[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
