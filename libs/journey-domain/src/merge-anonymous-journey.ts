import { mergedConsents } from './latest-consent';
import { EVENT_TYPES_BY_STAGE, EventType, MAX_CUSTOMER_TOTAL_MINOR } from '@pipeline/contracts';
import { DEFAULT_APPLY_OPTIONS, ApplyOptions } from './apply-event';
import { compareFacts } from './compare-facts';
import { assertCustomerTotal, customerTotalMinor } from './customer-total-bound';
import { ROUTED_WATERMARK_SEPARATOR } from './delivery-dedupe';
import { compareKafkaOffsets } from './kafka-offset';
import { JourneyState, TimeSpan, canonicalState } from './journey-state';
import { ownValue, withSortedEntry, withSortedItem } from './sorted-record';
import { widenSpan } from './time-span';

type Draft = { -readonly [K in keyof JourneyState]: JourneyState[K] };

/** The event types whose counts move with an anonymous journey: what a visitor does before buying. */
const MERGED_TYPES: ReadonlySet<EventType> = new Set([
  ...EVENT_TYPES_BY_STAGE.awareness,
  ...EVENT_TYPES_BY_STAGE.consideration,
]);

function unionSpan(a: TimeSpan | undefined, b: TimeSpan | undefined): TimeSpan | undefined {
  if (b === undefined) return a;
  return widenSpan(widenSpan(a, b[0]), b[1]);
}

/**
 * Why an anonymous journey must not be merged into a customer, or undefined when it may. A journey
 * with an order, a refund or a cancellation belongs to a customer who bought, not to an anonymous
 * visitor: merging it would fold one customer's purchases into another's. Given the `customer`'s
 * journey too, a merge that would take the customer's acquisition cost in a currency past
 * `MAX_CUSTOMER_TOTAL_MINOR` is refused as well.
 */
export function mergeRefusal(
  anonymous: JourneyState | undefined,
  customer?: JourneyState,
): string | undefined {
  if (anonymous === undefined) return undefined;
  const conversions = [anonymous.ord, anonymous.ref, anonymous.cxl].some(
    (facts) => facts !== undefined && Object.keys(facts).length > 0,
  );
  if (conversions)
    return 'the anonymous journey has orders, refunds or cancellations: it is a customer, not an anonymous visitor';
  if (customer === undefined) return undefined;
  const merged = mergedAcquisition(customer, anonymous);
  for (const currency of acquisitionCurrencies(anonymous)) {
    const total = customerTotalMinor({ ...customer, acq: merged }, 'acquisition', currency);
    if (total > MAX_CUSTOMER_TOTAL_MINOR) {
      return (
        `merged acquisition costs in ${currency} would total ${total} minor units, over the bound of ` +
        `${MAX_CUSTOMER_TOTAL_MINOR} per customer (MAX_CUSTOMER_TOTAL_MINOR)`
      );
    }
  }
  return undefined;
}

function acquisitionCurrencies(state: JourneyState): Set<string> {
  return new Set(Object.values(state.acq ?? {}).map(([, currency]) => currency));
}

/** The customer's acquisition costs with the anonymous journey's: a cost known under both counts once. */
function mergedAcquisition(customer: JourneyState, anonymous: JourneyState): JourneyState['acq'] {
  let acq = customer.acq;
  for (const [fingerprint, cost] of Object.entries(anonymous.acq ?? {})) {
    const known = ownValue(acq, fingerprint);
    if (known === undefined || compareFacts(cost, known) < 0) acq = withSortedEntry(acq, fingerprint, cost);
  }
  return acq;
}

/**
 * Merges the journey kept under an anonymous id into the customer's, so that what the visitor did
 * before being known counts for the customer. Moves the awareness and consideration facts: their
 * evidence spans (which move the first seen earlier), the counts of awareness and consideration event
 * types, the channels, the attributed acquisition costs (keyed by event fingerprint, so a cost
 * known under both ids counts once), and the consent answers (the latest per channel wins). Anything else the visitor did stays behind and is deleted with
 * the anonymous journey.
 *
 * The anonymous id, and the ids merged into the anonymous journey before, join `mrg`; merging an id
 * already there returns `customer` itself, so a redelivered identify is a no-op. The anonymous
 * journey's dedupe bookkeeping comes along, its watermarks re-keyed by the anonymous id (see
 * `Delivery.via`), so its events redelivered after the merge are still recognised.
 *
 * The facts are unions, sums of disjoint counts, min/max registers and id-keyed maps: merging several
 * anonymous journeys gives the same facts in any order, and merging then applying a routed event gives
 * the same facts as applying it to the anonymous journey and merging after. Pure; refusals are
 * `mergeRefusal`'s to decide, before this is called.
 *
 * @throws CustomerTotalBoundError when the merged acquisition costs would pass the customer bound
 *   (which `mergeRefusal` given the customer's journey reports first).
 */
export function mergeAnonymousJourney(
  customer: JourneyState,
  anonymous: JourneyState | undefined,
  anonymousId: string,
  options: ApplyOptions = DEFAULT_APPLY_OPTIONS,
): JourneyState {
  if (customer.mrg?.includes(anonymousId)) return customer;
  const draft: Draft = { ...customer };
  for (const id of [anonymousId, ...(anonymous?.mrg ?? [])]) draft.mrg = withSortedItem(draft.mrg, id);
  if (anonymous === undefined) return canonicalState(draft);

  draft.aw = unionSpan(draft.aw, anonymous.aw);
  draft.co = unionSpan(draft.co, anonymous.co);
  draft.seen = unionSpan(unionSpan(draft.seen, anonymous.aw), anonymous.co) ?? draft.seen;
  for (const [type, count] of Object.entries(anonymous.n) as Array<[EventType, number]>) {
    if (MERGED_TYPES.has(type))
      draft.n = withSortedEntry(draft.n, type, (ownValue(draft.n, type) ?? 0) + count);
  }
  for (const channel of anonymous.ch ?? []) draft.ch = withSortedItem(draft.ch, channel);
  draft.acq = mergedAcquisition(draft, anonymous);
  // Consent given before sign-in is the customer's: the latest answer per channel wins.
  draft.cns = mergedConsents(draft.cns, anonymous.cns);
  // mergeRefusal(anonymous, customer) refuses such a merge up front; this keeps the bound regardless.
  for (const currency of acquisitionCurrencies(anonymous))
    assertCustomerTotal(draft, 'acquisition', currency);
  for (const [key, offset] of Object.entries(anonymous.wm ?? {})) {
    // A key with a separator already belongs to an id routed into the anonymous journey: keep it.
    const routed = key.includes(ROUTED_WATERMARK_SEPARATOR)
      ? key
      : `${key}${ROUTED_WATERMARK_SEPARATOR}${anonymousId}`;
    const known = ownValue(draft.wm, routed);
    if (known === undefined || compareKafkaOffsets(offset, known) > 0)
      draft.wm = withSortedEntry(draft.wm, routed, offset);
  }
  const ids = [...(customer.ids ?? [])];
  for (const id of anonymous.ids ?? []) if (!ids.includes(id)) ids.push(id);
  draft.ids = options.recentEventIds === 0 ? [] : ids.slice(-options.recentEventIds);
  return canonicalState(draft);
}
