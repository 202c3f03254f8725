import { MAX_CUSTOMER_TOTAL_MINOR, formatMinorUnits } from '@pipeline/contracts';
import { deliveryOf, journeyEvent, minutes, stateAfter } from '../test/journey-event.fixture';
import { applyEvent } from './apply-event';
import { applyIdentify } from './apply-identify';
import { CustomerTotalBoundError, customerTotalMinor } from './customer-total-bound';
import { JourneyState } from './journey-state';
import { mergeAnonymousJourney, mergeRefusal } from './merge-anonymous-journey';

const HALF = MAX_CUSTOMER_TOTAL_MINOR / 2;
const eur = (minor: number) => formatMinorUnits(minor, 'EUR');

function order(id: string, minor: number, at = minutes(1), currency = 'EUR') {
  return journeyEvent('order_placed', at, {
    eventId: `place-${id}-${at}`,
    properties: { orderId: id, amount: formatMinorUnits(minor, currency), currency },
  });
}

function refund(id: string, minor: number, at = minutes(5)) {
  return journeyEvent('order_refunded', at, {
    eventId: `refund-${id}`,
    properties: { orderId: 'o-1', amount: eur(minor), currency: 'EUR', refundId: id },
  });
}

function click(id: string, minor: number, at = minutes(0)) {
  return journeyEvent('ad_click', at, {
    eventId: id,
    properties: { source: 'g', cost: eur(minor), currency: 'EUR' },
  });
}

/** The error applying `event` throws, or a failure when it applies. */
function refusalOf(
  state: JourneyState,
  event: ReturnType<typeof order>,
  offset = 100,
): CustomerTotalBoundError {
  const before = JSON.stringify(state);
  try {
    applyEvent(state, event, deliveryOf(event, offset));
  } catch (error) {
    expect(JSON.stringify(state)).toBe(before);
    if (error instanceof CustomerTotalBoundError) return error;
    throw error;
  }
  throw new Error(`${event.type} ${event.eventId} applied`);
}

describe(CustomerTotalBoundError.name, () => {
  it('lets orders reach the bound exactly, and refuses the one past it without changing the customer', () => {
    const state = stateAfter([order('o-1', HALF), order('o-2', HALF, minutes(2))]);
    expect(customerTotalMinor(state, 'orders', 'EUR')).toBe(MAX_CUSTOMER_TOTAL_MINOR);

    const error = refusalOf(state, order('o-3', 1, minutes(3)));
    expect(error).toMatchObject({
      name: 'CustomerTotalBoundError',
      code: 'CUSTOMER_TOTAL_BOUND',
      kind: 'deterministic',
      total: 'orders',
      currency: 'EUR',
      wouldBeMinor: MAX_CUSTOMER_TOTAL_MINOR + 1,
      limitMinor: MAX_CUSTOMER_TOTAL_MINOR,
    });
    expect(error.message).toBe(
      "the customer's orders in EUR would total 1000000000001 minor units, over the bound of " +
        '1000000000000 per customer (MAX_CUSTOMER_TOTAL_MINOR)',
    );
  });

  it('keeps applying what fits afterwards: other currencies, other events, a re-sent known order', () => {
    const state = stateAfter([order('o-1', HALF), order('o-2', HALF, minutes(2))]);
    const later = [
      order('o-9', MAX_CUSTOMER_TOTAL_MINOR, minutes(3), 'JPY'),
      journeyEvent('product_viewed', minutes(4)),
      // The same order again, placed later: the earliest version stands, so nothing is added.
      order('o-2', HALF, minutes(6)),
      journeyEvent('order_cancelled', minutes(7), { properties: { orderId: 'o-1' } }),
    ];
    let next = state;
    later.forEach((event, i) => {
      next = applyEvent(next, event, deliveryOf(event, 10 + i)).state;
    });
    expect(next.n).toMatchObject({ order_placed: 4, product_viewed: 1, order_cancelled: 1 });
    expect(customerTotalMinor(next, 'orders', 'JPY')).toBe(MAX_CUSTOMER_TOTAL_MINOR);
  });

  it('counts a cancelled order towards the bound: CLV as of an earlier instant still counts it', () => {
    const state = stateAfter([
      order('o-1', MAX_CUSTOMER_TOTAL_MINOR),
      journeyEvent('order_cancelled', minutes(2), { properties: { orderId: 'o-1' } }),
    ]);
    expect(refusalOf(state, order('o-2', 1, minutes(3))).total).toBe('orders');
  });

  it('lets an earlier, smaller version of a known order replace it when the total allows', () => {
    const state = stateAfter([order('o-1', HALF), order('o-2', HALF, minutes(5))]);
    const earlier = order('o-2', 1, minutes(2));
    const next = applyEvent(state, earlier, deliveryOf(earlier, 50)).state;
    expect(customerTotalMinor(next, 'orders', 'EUR')).toBe(HALF + 1);
  });

  it('bounds refunds and attributed acquisition cost the same way', () => {
    const refunded = stateAfter([refund('r-1', HALF), refund('r-2', HALF)]);
    expect(refusalOf(refunded, refund('r-3', 1)).total).toBe('refunds');

    const acquired = stateAfter([click('c-1', MAX_CUSTOMER_TOTAL_MINOR)]);
    expect(refusalOf(acquired, click('c-2', 1, minutes(1)))).toMatchObject({
      total: 'acquisition',
      wouldBeMinor: MAX_CUSTOMER_TOTAL_MINOR + 1,
    });
  });

  it('refuses a merge that would take acquisition cost past the bound, and the merge itself throws', () => {
    const customer = stateAfter([click('c-1', HALF + 1), order('o-1', 100)]);
    const anonymous = stateAfter([{ ...click('c-2', HALF), customerId: 'anon-1' }]);
    expect(mergeRefusal(anonymous)).toBeUndefined();
    expect(mergeRefusal(anonymous, customer)).toBe(
      'merged acquisition costs in EUR would total 1000000000001 minor units, over the bound of ' +
        '1000000000000 per customer (MAX_CUSTOMER_TOTAL_MINOR)',
    );
    expect(() => mergeAnonymousJourney(customer, anonymous, 'anon-1')).toThrow(CustomerTotalBoundError);
    const identify = {
      eventId: 'id-1',
      customerId: 'cust-1',
      type: 'identify' as const,
      occurredAt: minutes(9),
      properties: { anonymousId: 'anon-1' },
      schemaVersion: 1 as const,
    };
    expect(() =>
      applyIdentify(customer, anonymous, identify, {
        topic: 'journey.identity.v1',
        partition: 0,
        offset: '1',
      }),
    ).toThrow(CustomerTotalBoundError);
  });

  it('merges a cost known under both ids once, so it never counts against the bound twice', () => {
    const shared = click('c-1', MAX_CUSTOMER_TOTAL_MINOR);
    const customer = stateAfter([shared]);
    const anonymous = stateAfter([shared]);
    expect(mergeRefusal(anonymous, customer)).toBeUndefined();
    const merged = mergeAnonymousJourney(customer, anonymous, 'anon-1');
    expect(customerTotalMinor(merged, 'acquisition', 'EUR')).toBe(MAX_CUSTOMER_TOTAL_MINOR);
  });
});
