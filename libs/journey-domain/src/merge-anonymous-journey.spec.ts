import { EVENT_TYPES_BY_STAGE, EventType, JourneyEvent } from '@pipeline/contracts';
import fc from 'fast-check';
import { journeyArbitrary } from '../test/journey-event.arbitrary';
import { applyInOrder, deliveryOf, journeyEvent, minutes, stateAfter } from '../test/journey-event.fixture';
import { applyEvent } from './apply-event';
import { JourneyFacts, JourneyState, factsOf } from './journey-state';
import { mergeAnonymousJourney, mergeRefusal } from './merge-anonymous-journey';

const PRE_PURCHASE: readonly EventType[] = [
  ...EVENT_TYPES_BY_STAGE.awareness,
  ...EVENT_TYPES_BY_STAGE.consideration,
];

/** The events of a generated journey under other ids, so two journeys never share an event id. */
function renamed(events: readonly JourneyEvent[], prefix: string, customerId: string): JourneyEvent[] {
  return events.map((event) => ({ ...event, eventId: `${prefix}-${event.eventId}`, customerId }));
}

function factsWithoutLinks(state: JourneyState): JourneyFacts {
  const { mrg: _mrg, ...facts } = factsOf(state);
  return facts;
}

function anonymousVisit(): JourneyState {
  return stateAfter([
    journeyEvent('ad_click', minutes(1), {
      eventId: 'anon-click',
      customerId: 'anon-1',
      channel: 'ads',
      properties: { source: 'google', cost: '2.50', currency: 'EUR' },
    }),
    journeyEvent('product_viewed', minutes(2), {
      eventId: 'anon-view',
      customerId: 'anon-1',
      channel: 'web',
    }),
    journeyEvent('repeat_visit', minutes(3), { eventId: 'anon-repeat', customerId: 'anon-1' }),
  ]);
}

function knownCustomer(): JourneyState {
  return stateAfter([
    journeyEvent('order_placed', minutes(10), {
      eventId: 'cust-order',
      properties: { orderId: 'o-1', amount: '59.90', currency: 'EUR' },
    }),
  ]);
}

describe(mergeAnonymousJourney.name, () => {
  it("moves the visitor's awareness and consideration facts to the customer", () => {
    const merged = mergeAnonymousJourney(knownCustomer(), anonymousVisit(), 'anon-1');
    expect(merged).toMatchObject({
      seen: [minutes(1), minutes(10)],
      aw: [minutes(1), minutes(1)],
      co: [minutes(2), minutes(2)],
      n: { ad_click: 1, order_placed: 1, product_viewed: 1 },
      ch: ['ads', 'web'],
      mrg: ['anon-1'],
    });
    expect(Object.values(merged.acq ?? {})).toEqual([[250, 'EUR']]);
  });

  it('leaves behind what the visitor did beyond considering', () => {
    const merged = mergeAnonymousJourney(knownCustomer(), anonymousVisit(), 'anon-1');
    expect(merged.n.repeat_visit).toBeUndefined();
    expect(merged.re).toBeUndefined();
  });

  it('changes nothing when the same anonymous id is merged again', () => {
    const once = mergeAnonymousJourney(knownCustomer(), anonymousVisit(), 'anon-1');
    expect(mergeAnonymousJourney(once, anonymousVisit(), 'anon-1')).toBe(once);
  });

  it('records a link even when the anonymous journey has no events yet', () => {
    expect(mergeAnonymousJourney(knownCustomer(), undefined, 'anon-1').mrg).toEqual(['anon-1']);
  });

  it('takes over the ids the anonymous journey had merged itself', () => {
    const anonymous = mergeAnonymousJourney(anonymousVisit(), undefined, 'anon-0');
    expect(mergeAnonymousJourney(knownCustomer(), anonymous, 'anon-1').mrg).toEqual(['anon-0', 'anon-1']);
  });

  it('recognises an anonymous event redelivered after the merge, under its own watermark', () => {
    const event = journeyEvent('product_viewed', minutes(2), { eventId: 'v-1', customerId: 'anon-1' });
    const delivery = { ...deliveryOf(event, 7), partition: 3 };
    const anonymous = applyEvent(undefined, event, delivery).state;
    const merged = mergeAnonymousJourney(knownCustomer(), anonymous, 'anon-1');
    const again = applyEvent(merged, { ...event, customerId: 'cust-1' }, { ...delivery, via: 'anon-1' });
    expect(again.outcome).toBe('duplicate');
    const later = applyEvent(
      merged,
      { ...event, eventId: 'v-2' },
      { ...delivery, offset: '8', via: 'anon-1' },
    );
    expect(later.outcome).toBe('applied');
  });

  it('gives the facts of one journey holding every event, whatever was sent under which id', () => {
    fc.assert(
      fc.property(
        journeyArbitrary(20),
        journeyArbitrary(20, PRE_PURCHASE),
        (customerEvents, visitorEvents) => {
          const mine = renamed(customerEvents, 'c', 'cust-1');
          const visitor = renamed(visitorEvents, 'a', 'anon-1');
          const merged = mergeAnonymousJourney(stateAfter(mine), stateAfter(visitor), 'anon-1');
          const together = stateAfter([...mine, ...visitor.map((e) => ({ ...e, customerId: 'cust-1' }))]);
          expect(factsWithoutLinks(merged)).toEqual(factsOf(together));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reaches the same facts whichever of two anonymous journeys is merged first', () => {
    fc.assert(
      fc.property(
        journeyArbitrary(15),
        journeyArbitrary(15, PRE_PURCHASE),
        journeyArbitrary(15, PRE_PURCHASE),
        (customerEvents, first, second) => {
          const customer = stateAfter(renamed(customerEvents, 'c', 'cust-1'));
          const a = stateAfter(renamed(first, 'a', 'anon-a'));
          const b = stateAfter(renamed(second, 'b', 'anon-b'));
          const ab = mergeAnonymousJourney(mergeAnonymousJourney(customer, a, 'anon-a'), b, 'anon-b');
          const ba = mergeAnonymousJourney(mergeAnonymousJourney(customer, b, 'anon-b'), a, 'anon-a');
          expect(JSON.stringify(factsOf(ab))).toBe(JSON.stringify(factsOf(ba)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same facts whether a late visitor event lands before or after the merge', () => {
    fc.assert(
      fc.property(
        journeyArbitrary(15),
        journeyArbitrary(15, PRE_PURCHASE),
        (customerEvents, visitorEvents) => {
          const customer = stateAfter(renamed(customerEvents, 'c', 'cust-1'));
          const [late, ...early] = renamed(visitorEvents, 'a', 'anon-1');
          const before = applyInOrder(early).state;
          const routedLate = applyEvent(
            mergeAnonymousJourney(customer, before, 'anon-1'),
            { ...late, customerId: 'cust-1' },
            { ...deliveryOf(late, 1000), via: 'anon-1' },
          ).state;
          const mergedLate = mergeAnonymousJourney(
            customer,
            applyEvent(before, late, deliveryOf(late, 1000)).state,
            'anon-1',
          );
          expect(factsOf(routedLate)).toEqual(factsOf(mergedLate));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe(mergeRefusal.name, () => {
  it('refuses an anonymous journey with an order, a refund or a cancellation', () => {
    expect(mergeRefusal(knownCustomer())).toMatch(/orders/);
    const cancelled = stateAfter([journeyEvent('order_cancelled', minutes(1), { customerId: 'anon-1' })]);
    expect(mergeRefusal(cancelled)).toMatch(/not an anonymous visitor/);
  });

  it('allows a visitor who never bought, and one with no journey at all', () => {
    expect(mergeRefusal(anonymousVisit())).toBeUndefined();
    expect(mergeRefusal(undefined)).toBeUndefined();
  });
});
