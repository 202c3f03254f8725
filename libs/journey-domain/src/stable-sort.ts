/** Up to this length an insertion sort beats `Array.prototype.sort`, which copies into a work array. */
const INSERTION_SORT_MAX = 24;

/**
 * Sorts `items` in place by `compare` and returns it, as `items.sort(compare)` does, with the same
 * result for an array without holes or undefined items: both are stable, so for a consistent
 * comparator the order is fully determined.
 *
 * The lists sorted per event (a customer's orders, refunds, purchase days, churn signals) are short
 * and usually already in order; there an insertion sort makes no allocation and a single pass.
 */
export function stableSort<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_SORT_MAX) return items.sort(compare);
  for (let i = 1; i < items.length; i += 1) {
    const item = items[i];
    let j = i - 1;
    // Strictly greater only: an equal item stays after the ones before it, which keeps the sort stable.
    while (j >= 0 && compare(items[j], item) > 0) {
      items[j + 1] = items[j];
      j -= 1;
    }
    items[j + 1] = item;
  }
  return items;
}
