import { JourneyEvent } from '@pipeline/contracts';
import { journeyEvent, stateAfter } from '../../test/journey-event.fixture';
import { JourneyState } from '../journey-state';
import { fitBgNbd } from './bg-nbd-fit';
import { purchaseSummary } from './purchase-summary';
import { seededUniform } from './seeded-uniform';
import { generateSyntheticCustomers } from './synthetic-customers';
import { DAY_MS } from './time-unit';

/** 2026-03-02T00:00:00Z, a Monday. */
const DAY0 = Date.UTC(2026, 2, 2);
const HOUR = 3_600_000;

function at(day: number, hour = 12): number {
  return DAY0 + day * DAY_MS + hour * HOUR;
}

const order = (when: number, orderId: string, amount: string, currency = 'EUR'): JourneyEvent =>
  journeyEvent('order_placed', when, { properties: { orderId, amount, currency } });
const refund = (
  when: number,
  orderId: string,
  amount: string,
  refundId: string,
  currency = 'EUR',
): JourneyEvent =>
  journeyEvent('order_refunded', when, { properties: { orderId, amount, currency, refundId } });
const cancel = (when: number, orderId: string): JourneyEvent =>
  journeyEvent('order_cancelled', when, { properties: { orderId } });

function stateOf(events: JourneyEvent[]): JourneyState {
  return stateAfter(events, { recentEventIds: 0 });
}

describe(purchaseSummary.name, () => {
  it('merges orders of one UTC day, and counts the days after the first as repeat purchases', () => {
    const state = stateOf([
      order(at(0, 9), 'o-1', '10.00'),
      order(at(0, 23), 'o-2', '5.00'),
      order(at(3, 1), 'o-3', '20.00'),
      order(at(3, 22), 'o-4', '4.00'),
      order(at(14), 'o-5', '30.00'),
    ]);
    expect(purchaseSummary(state, { currency: 'EUR', unit: 'day', now: at(20, 8) })).toEqual({
      unit: 'day',
      currency: 'EUR',
      frequency: 2,
      recency: 14,
      age: 20,
      monetaryMinor: (2400 + 3000) / 2,
      repeatSpendMinor: 5400,
      netRevenueMinor: 6900,
      firstPurchaseAt: at(0, 9),
      excludedOrders: 0,
    });
  });

  it('measures recency and age in weeks of seven days', () => {
    const state = stateOf([order(at(0), 'o-1', '1.00'), order(at(10), 'o-2', '1.00')]);
    expect(purchaseSummary(state, { currency: 'EUR', unit: 'week', now: at(21) })).toMatchObject({
      frequency: 1,
      recency: 10 / 7,
      age: 3,
    });
  });

  it('splits orders either side of midnight UTC into two purchase days', () => {
    const state = stateOf([order(DAY0 - 60_000, 'o-1', '1.00'), order(DAY0 + 60_000, 'o-2', '1.00')]);
    expect(purchaseSummary(state, { currency: 'EUR', unit: 'day', now: DAY0 + HOUR })).toMatchObject({
      frequency: 1,
      recency: 1,
      age: 1,
    });
  });

  it('leaves cancelled orders out, including a day whose only order was cancelled', () => {
    const state = stateOf([
      order(at(0), 'o-1', '10.00'),
      order(at(2), 'o-2', '99.00'),
      cancel(at(2, 13), 'o-2'),
      order(at(5), 'o-3', '7.00'),
    ]);
    expect(purchaseSummary(state, { currency: 'EUR', unit: 'day', now: at(6) })).toMatchObject({
      frequency: 1,
      recency: 5,
      repeatSpendMinor: 700,
      netRevenueMinor: 1700,
    });
  });

  it('nets refunds per day and floors a day at zero when refunds exceed its orders', () => {
    const state = stateOf([
      order(at(0), 'o-1', '10.00'),
      order(at(1), 'o-2', '20.00'),
      refund(at(2), 'o-2', '25.00', 'r-1'),
      order(at(3), 'o-3', '40.00'),
      refund(at(4), 'o-3', '10.00', 'r-2'),
    ]);
    const summary = purchaseSummary(state, { currency: 'EUR', unit: 'day', now: at(5) });
    expect(summary).toMatchObject({ frequency: 2, repeatSpendMinor: 0 + 3000, monetaryMinor: 1500 });
    // Revenue is not floored: the over-refund is money that went back out.
    expect(summary?.netRevenueMinor).toBe(1000 + 2000 - 2500 + 4000 - 1000);
  });

  it('nets an over-refunded order against the rest of its day before flooring', () => {
    const state = stateOf([
      order(at(0), 'o-1', '10.00'),
      order(at(1, 9), 'o-2', '20.00'),
      order(at(1, 10), 'o-3', '15.00'),
      refund(at(2), 'o-2', '30.00', 'r-1'),
    ]);
    expect(purchaseSummary(state, { currency: 'EUR', unit: 'day', now: at(3) })).toMatchObject({
      repeatSpendMinor: 500,
    });
  });

  it('counts only the pipeline currency, reporting the orders it left out', () => {
    const state = stateOf([
      order(at(0), 'o-1', '10.00'),
      order(at(1), 'o-2', '1000', 'JPY'),
      order(at(2), 'o-3', '8.00', 'USD'),
      refund(at(3), 'o-1', '5.00', 'r-1', 'USD'),
    ]);
    expect(purchaseSummary(state, { currency: 'EUR', unit: 'day', now: at(4) })).toMatchObject({
      frequency: 0,
      netRevenueMinor: 1000,
      excludedOrders: 2,
    });
  });

  it('knows nothing at `now` of later orders, cancellations and refunds', () => {
    const state = stateOf([
      order(at(0), 'o-1', '10.00'),
      order(at(2), 'o-2', '20.00'),
      cancel(at(3), 'o-1'),
      refund(at(3), 'o-2', '20.00', 'r-1'),
      order(at(4), 'o-3', '30.00'),
    ]);
    expect(purchaseSummary(state, { currency: 'EUR', unit: 'day', now: at(2, 18) })).toMatchObject({
      frequency: 1,
      age: 2,
      repeatSpendMinor: 2000,
      netRevenueMinor: 3000,
    });
  });

  it('has no summary without an order that counts', () => {
    const none = (events: JourneyEvent[], now = at(9)) =>
      purchaseSummary(stateOf(events), { currency: 'EUR', unit: 'day', now });
    expect(none([journeyEvent('product_viewed', at(0))])).toBeUndefined();
    expect(none([order(at(0), 'o-1', '10.00'), cancel(at(1), 'o-1')])).toBeUndefined();
    expect(none([order(at(0), 'o-1', '10.00', 'USD')])).toBeUndefined();
    expect(none([order(at(5), 'o-1', '10.00')], at(4))).toBeUndefined();
  });

  it('feeds the BG/NBD fit: simulated customers replayed as orders recover their parameters', () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const week = 7 * DAY_MS;
    const customers = generateSyntheticCustomers({
      customers: 10_000,
      bgNbd: truth,
      gammaGamma: { p: 6, q: 4, v: 15 },
      observationEnd: 39,
      acquisitionWindow: 13,
      random: seededUniform(4),
    });
    const summaries = customers.map((customer) => {
      const ord = Object.fromEntries(
        customer.purchaseTimes.map((t, i) => [
          `o-${i}`,
          [DAY0 + Math.round(t * week), customer.amountsMinor[i], 'EUR'] as const,
        ]),
      );
      const state: JourneyState = { sv: 1, seen: [DAY0, DAY0 + 39 * week], n: {}, ord };
      return purchaseSummary(state, { currency: 'EUR', unit: 'week', now: DAY0 + 39 * week })!;
    });
    const fit = fitBgNbd(summaries);
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.converged).toBe(true);
    // Day-grid rounding and same-day merging cost little: 10,000 customers land within 20%.
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[key] / truth[key] - 1)).toBeLessThan(0.2);
    }
  });
});
