import { journeyEvent, stateAfter, T0 } from '../../test/journey-event.fixture';
import {
  CustomerActivity,
  DAY_MS,
  customerActivityFromState,
  isAcquiredIn,
  isActiveAt,
} from './customer-activity';

const buyer = (purchaseTimes: number[]): CustomerActivity => ({
  customerId: 'c',
  firstOrderAt: purchaseTimes[0] ?? null,
  purchaseTimes,
});

describe(isActiveAt.name, () => {
  const window = 365;

  it('counts a purchase from exactly one window before t up to, not including, t', () => {
    expect(isActiveAt(buyer([100]), 465, window)).toBe(true);
    expect(isActiveAt(buyer([100]), 466, window)).toBe(false);
    expect(isActiveAt(buyer([100]), 101, window)).toBe(true);
    expect(isActiveAt(buyer([100]), 100, window)).toBe(false);
  });

  it('finds the qualifying purchase among many', () => {
    const customer = buyer([1, 5, 400, 900, 2000]);
    expect(isActiveAt(customer, 1000, window)).toBe(true);
    expect(isActiveAt(customer, 1700, window)).toBe(false);
    expect(isActiveAt(customer, 2001, window)).toBe(true);
  });

  it('never counts a prospect without purchases', () => {
    expect(isActiveAt(buyer([]), 10, window)).toBe(false);
  });
});

describe(isAcquiredIn.name, () => {
  it('acquires a customer in the half-open period of their first purchase', () => {
    expect(isAcquiredIn(buyer([10]), 10, 20)).toBe(true);
    expect(isAcquiredIn(buyer([20]), 10, 20)).toBe(false);
    expect(isAcquiredIn(buyer([]), 10, 20)).toBe(false);
  });
});

describe(customerActivityFromState.name, () => {
  const days = (n: number): number => T0 + n * DAY_MS;
  const order = (day: number, orderId: string) =>
    journeyEvent('order_placed', days(day), { properties: { orderId, amount: '20.00', currency: 'EUR' } });

  it('takes purchases from orders not cancelled, refunded ones included', () => {
    const state = stateAfter([
      journeyEvent('product_viewed', days(0)),
      order(1, 'o-1'),
      journeyEvent('order_cancelled', days(2), { properties: { orderId: 'o-1' } }),
      order(3, 'o-2'),
      journeyEvent('order_refunded', days(4), {
        properties: { orderId: 'o-2', amount: '20.00', currency: 'EUR' },
      }),
      order(5, 'o-3'),
    ]);
    expect(customerActivityFromState('cust-1', state)).toEqual({
      customerId: 'cust-1',
      firstOrderAt: days(3),
      purchaseTimes: [days(3), days(5)],
    });
  });

  it('gives a browsing prospect no first order', () => {
    expect(customerActivityFromState('c', stateAfter([journeyEvent('product_viewed', days(0))]))).toEqual({
      customerId: 'c',
      firstOrderAt: null,
      purchaseTimes: [],
    });
  });
});
