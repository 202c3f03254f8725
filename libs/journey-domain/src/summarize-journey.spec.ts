import { journeyEvent, minutes, stateAfter } from '../test/journey-event.fixture';
import { summarize } from './summarize-journey';

const order = (at: number, orderId: string, amount: string | number, currency = 'EUR') =>
  journeyEvent('order_placed', minutes(at), { properties: { orderId, amount, currency } });
const refund = (at: number, orderId: string, amount: string, currency = 'EUR') =>
  journeyEvent('order_refunded', minutes(at), { properties: { orderId, amount, currency } });

describe(summarize.name, () => {
  it('reports stages, entry times and the time spent in the current stage', () => {
    const state = stateAfter([
      journeyEvent('ad_click', minutes(1), { channel: 'ads' }),
      journeyEvent('product_viewed', minutes(2), { channel: 'web' }),
      order(3, 'o-1', '59.90'),
    ]);
    const view = summarize(state, 'cust-1', minutes(10));
    expect(view).toMatchObject({
      customerId: 'cust-1',
      currentStage: 'conversion',
      furthestStage: 'conversion',
      currentStageSince: '2026-03-01T00:03:00.000Z',
      timeInCurrentStageMs: 7 * 60_000,
      channels: ['ads', 'web'],
      countsByType: { ad_click: 1, product_viewed: 1, order_placed: 1 },
      firstSeenAt: '2026-03-01T00:01:00.000Z',
      lastSeenAt: '2026-03-01T00:03:00.000Z',
    });
    expect(view.stages).toEqual({
      awareness: { firstEnteredAt: '2026-03-01T00:01:00.000Z', lastEnteredAt: '2026-03-01T00:01:00.000Z' },
      consideration: {
        firstEnteredAt: '2026-03-01T00:02:00.000Z',
        lastEnteredAt: '2026-03-01T00:02:00.000Z',
      },
      conversion: { firstEnteredAt: '2026-03-01T00:03:00.000Z', lastEnteredAt: '2026-03-01T00:03:00.000Z' },
      retention: { firstEnteredAt: null, lastEnteredAt: null },
      advocacy: { firstEnteredAt: null, lastEnteredAt: null },
    });
  });

  it('adds money in exact minor units where float sums drift', () => {
    const orders = Array.from({ length: 100 }, (_, i) => order(i, `o-${i}`, 0.1));
    const view = summarize(stateAfter(orders, { recentEventIds: 0 }), 'c', minutes(200));
    expect(orders.reduce((sum) => sum + 0.1, 0)).not.toBe(10);
    expect(view.orders.byCurrency).toEqual({ EUR: { grossMinor: 1000, refundedMinor: 0, netMinor: 1000 } });
  });

  it('keeps currencies apart and nets refunds, including one larger than its order', () => {
    const state = stateAfter([
      order(1, 'o-1', '50.00'),
      order(2, 'o-2', '1000', 'JPY'),
      refund(3, 'o-1', '80.00'),
      refund(4, 'o-2', '300', 'JPY'),
    ]);
    expect(summarize(state, 'c', minutes(9)).orders).toEqual({
      count: 2,
      cancelledCount: 0,
      firstOrderAt: '2026-03-01T00:01:00.000Z',
      lastOrderAt: '2026-03-01T00:02:00.000Z',
      byCurrency: {
        EUR: { grossMinor: 5000, refundedMinor: 8000, netMinor: -3000 },
        JPY: { grossMinor: 1000, refundedMinor: 300, netMinor: 700 },
      },
    });
  });

  it('takes a cancelled order and its refunds out of the money totals', () => {
    const state = stateAfter([
      order(1, 'o-1', '50.00'),
      order(2, 'o-2', '20.00'),
      journeyEvent('order_cancelled', minutes(3), { properties: { orderId: 'o-1' } }),
      refund(4, 'o-1', '50.00'),
    ]);
    const { orders } = summarize(state, 'c', minutes(9));
    expect(orders).toMatchObject({ count: 2, cancelledCount: 1 });
    expect(orders.byCurrency).toEqual({ EUR: { grossMinor: 2000, refundedMinor: 0, netMinor: 2000 } });
  });

  it('lists open incidents only, oldest first', () => {
    const state = stateAfter([
      journeyEvent('incident_reported', minutes(5), { properties: { incidentId: 'i-2', kind: 'billing' } }),
      journeyEvent('incident_reported', minutes(1), { properties: { incidentId: 'i-1', kind: 'damaged' } }),
      journeyEvent('incident_reported', minutes(2), { properties: { incidentId: 'i-3', kind: 'other' } }),
      journeyEvent('incident_resolved', minutes(3), { properties: { incidentId: 'i-3' } }),
      journeyEvent('incident_resolved', minutes(3), { properties: { incidentId: 'i-9' } }),
    ]);
    expect(summarize(state, 'c', minutes(9)).openIncidents).toEqual([
      { incidentId: 'i-1', kind: 'damaged', reportedAt: '2026-03-01T00:01:00.000Z' },
      { incidentId: 'i-2', kind: 'billing', reportedAt: '2026-03-01T00:05:00.000Z' },
    ]);
  });

  it('summarises NPS, reviews, referrals, subscriptions and loyalty', () => {
    const state = stateAfter([
      journeyEvent('nps_response', minutes(1), { properties: { score: 7 } }),
      journeyEvent('review_posted', minutes(2), { properties: { rating: 5 } }),
      journeyEvent('review_posted', minutes(3), { properties: { rating: 2 } }),
      journeyEvent('review_posted', minutes(4), { properties: { rating: 4 } }),
      journeyEvent('referral_sent', minutes(5)),
      journeyEvent('referral_converted', minutes(6)),
      journeyEvent('subscription_renewed', minutes(7), { properties: { subscriptionId: 'b' } }),
      journeyEvent('subscription_renewed', minutes(7), { properties: { subscriptionId: 'a' } }),
      journeyEvent('subscription_cancelled', minutes(8), { properties: { subscriptionId: 'a' } }),
      journeyEvent('loyalty_joined', minutes(9)),
    ]);
    const view = summarize(state, 'c', minutes(10));
    expect(view).toMatchObject({
      nps: { score: 7, category: 'passive', at: '2026-03-01T00:01:00.000Z' },
      reviews: { count: 3, averageRating: 3.67, lastReviewAt: '2026-03-01T00:04:00.000Z' },
      referrals: { sent: 1, converted: 1 },
      loyaltyJoinedAt: '2026-03-01T00:09:00.000Z',
    });
    expect(view.subscriptions).toEqual([
      {
        subscriptionId: 'a',
        status: 'cancelled',
        lastRenewedAt: '2026-03-01T00:07:00.000Z',
        lastCancelledAt: '2026-03-01T00:08:00.000Z',
      },
      {
        subscriptionId: 'b',
        status: 'active',
        lastRenewedAt: '2026-03-01T00:07:00.000Z',
        lastCancelledAt: null,
      },
    ]);
  });

  it('sums attributed acquisition cost per currency and falls back to the default only without any', () => {
    const click = (cost: string, currency: string) =>
      journeyEvent('ad_click', minutes(1), { properties: { source: 'g', cost, currency } });
    const attributed = stateAfter([click('0.10', 'EUR'), click('0.20', 'EUR'), click('3', 'JPY')]);
    const fallback = { defaultAcquisitionCost: { minor: 1500, currency: 'EUR' } };
    expect(summarize(attributed, 'c', minutes(2), fallback).acquisitionCost).toEqual({
      byCurrency: { EUR: 30, JPY: 3 },
      source: 'attributed',
    });
    const none = stateAfter([journeyEvent('search_visit', minutes(1))]);
    expect(summarize(none, 'c', minutes(2), fallback).acquisitionCost).toEqual({
      byCurrency: { EUR: 1500 },
      source: 'default',
    });
    expect(summarize(none, 'c', minutes(2)).acquisitionCost).toEqual({ byCurrency: {}, source: 'none' });
  });

  it('never reports a negative time in stage when events are stamped after now', () => {
    const state = stateAfter([journeyEvent('ad_click', minutes(10))]);
    expect(summarize(state, 'c', minutes(1)).timeInCurrentStageMs).toBe(0);
  });
});
