import {
  ALL_EVENT_TYPES,
  CHANNELS,
  EventType,
  INCIDENT_KINDS,
  JourneyEvent,
  PropertiesByType,
  formatMinorUnits,
  parseJourneyEvent,
} from '@pipeline/contracts';
import { DEFAULT_PROPERTIES } from '@pipeline/testing/event-builders';
import fc from 'fast-check';
import { T0, MINUTE } from './journey-event.fixture';

// Small id pools so that orders, refunds, incidents and subscriptions collide and compete.
const orderId = fc.constantFrom('o-1', 'o-2', 'o-3');
const refundId = fc.option(fc.constantFrom('r-1', 'r-2'), { nil: undefined });
const subscriptionId = fc.constantFrom('s-1', 's-2');
const incidentId = fc.constantFrom('i-1', 'i-2');
const currency = fc.constantFrom('EUR', 'JPY');
const amount = fc
  .tuple(fc.integer({ min: 0, max: 100_000 }), currency)
  .map(([minor, ccy]) => ({ amount: formatMinorUnits(minor, ccy), currency: ccy }));

function propertiesOf(type: EventType): fc.Arbitrary<PropertiesByType[EventType]> {
  switch (type) {
    case 'ad_impression':
    case 'ad_click':
    case 'referral_visit':
    case 'search_visit':
    case 'social_visit':
      return fc
        .option(amount, { nil: undefined })
        .map((money) =>
          money ? { source: 'src', cost: money.amount, currency: money.currency } : { source: 'src' },
        );
    case 'order_placed':
      return fc.tuple(orderId, amount).map(([id, money]) => ({ orderId: id, ...money }));
    case 'order_refunded':
      return fc
        .tuple(orderId, amount, refundId)
        .map(([id, money, refund]) => ({ orderId: id, ...money, ...(refund && { refundId: refund }) }));
    case 'order_cancelled':
      return orderId.map((id) => ({ orderId: id }));
    case 'subscription_renewed':
    case 'subscription_cancelled':
      return subscriptionId.map((id) => ({ subscriptionId: id }));
    case 'incident_reported':
      return fc
        .tuple(incidentId, fc.constantFrom(...INCIDENT_KINDS))
        .map(([id, kind]) => ({ incidentId: id, kind }));
    case 'incident_resolved':
      return incidentId.map((id) => ({ incidentId: id }));
    case 'nps_response':
      return fc.integer({ min: 0, max: 10 }).map((score) => ({ score }));
    case 'review_posted':
      return fc.integer({ min: 1, max: 5 }).map((rating) => ({ rating }));
    default:
      return fc.constant(DEFAULT_PROPERTIES[type]);
  }
}

/** Types whose facts compete under one natural key and must be settled the same whatever the order. */
export const COMPETING_TYPES: readonly EventType[] = [
  'order_placed',
  'order_refunded',
  'order_cancelled',
  'incident_reported',
  'incident_resolved',
  'nps_response',
  'subscription_renewed',
  'subscription_cancelled',
];

/**
 * One customer's journey of 1 to `maxLength` valid events of the given types, distinct event ids,
 * event times within 12 minutes (so ties are common), each built as a wire envelope and parsed by the
 * contract.
 */
export function journeyArbitrary(
  maxLength = 40,
  types: readonly EventType[] = ALL_EVENT_TYPES,
): fc.Arbitrary<JourneyEvent[]> {
  const wire = fc.constantFrom(...types).chain((type) =>
    fc.record({
      type: fc.constant(type),
      properties: propertiesOf(type),
      minute: fc.integer({ min: 0, max: 12 }),
      channel: fc.option(fc.constantFrom(...CHANNELS.slice(0, 4)), { nil: undefined }),
    }),
  );
  return fc.array(wire, { minLength: 1, maxLength }).map((specs) =>
    specs.map((spec, i) => {
      const parsed = parseJourneyEvent(
        JSON.stringify({
          eventId: `e-${i}`,
          customerId: 'cust-1',
          type: spec.type,
          occurredAt: new Date(T0 + spec.minute * MINUTE).toISOString(),
          ...(spec.channel && { channel: spec.channel }),
          properties: spec.properties,
          schemaVersion: 1,
        }),
      );
      if (!parsed.ok) throw new Error(`generated an invalid ${spec.type}: ${parsed.reason.message}`);
      return parsed.event;
    }),
  );
}

/** A journey with several arrival orders of its events. */
export function journeyWithPermutations(
  types: readonly EventType[] = ALL_EVENT_TYPES,
): fc.Arbitrary<[JourneyEvent[], JourneyEvent[][]]> {
  return journeyArbitrary(40, types).chain((events) =>
    fc.tuple(
      fc.constant(events),
      fc.array(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), {
        minLength: 1,
        maxLength: 4,
      }),
    ),
  );
}
