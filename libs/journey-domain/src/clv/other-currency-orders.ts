import { JourneyState } from '../journey-state';
import { ownValue } from '../sorted-record';

/**
 * The placed, uncancelled orders of a journey state by `now` that are not in `currency`, counted per
 * currency: the orders `purchaseSummary` leaves out, named, so a refit can say which currencies it did
 * not value instead of failing on "too few customers" with no word about why.
 */
export function otherCurrencyOrders(
  state: JourneyState,
  currency: string,
  now: number,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [orderId, [placedAt, , orderCurrency]] of Object.entries(state.ord ?? {})) {
    if (orderCurrency === currency || placedAt > now) continue;
    const cancelledAt = ownValue(state.cxl, orderId);
    if (cancelledAt !== undefined && cancelledAt <= now) continue;
    counts[orderCurrency] = (counts[orderCurrency] ?? 0) + 1;
  }
  return counts;
}

/** Adds per-currency counts into `into`. */
export function addCurrencyCounts(
  into: Record<string, number>,
  counts: Readonly<Record<string, number>>,
): void {
  for (const [currency, n] of Object.entries(counts)) into[currency] = (into[currency] ?? 0) + n;
}

/**
 * `1200 orders in USD, 3 in GBP were left out: CLV is valued in EUR only (PIPELINE_CURRENCY)`, or
 * undefined when there were none.
 */
export function otherCurrencyOrdersNote(
  currency: string,
  counts: Readonly<Record<string, number>>,
): string | undefined {
  const entries = Object.entries(counts).sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return undefined;
  const listed = entries.map(([c, n], i) => (i === 0 ? `${n} orders in ${c}` : `${n} in ${c}`)).join(', ');
  return `${listed} were left out: CLV is valued in ${currency} only (PIPELINE_CURRENCY)`;
}
