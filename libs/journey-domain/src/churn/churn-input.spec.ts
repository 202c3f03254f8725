import { journeyEvent, stateAfter, T0 } from '../../test/journey-event.fixture';
import { DAY_MS } from '../kpi/customer-activity';
import { churnInputFromState } from './churn-input';

const days = (n: number): number => T0 + n * DAY_MS;
const order = (day: number, orderId: string) =>
  journeyEvent('order_placed', days(day), { properties: { orderId, amount: '20.00', currency: 'EUR' } });
const cancel = (day: number, orderId: string) =>
  journeyEvent('order_cancelled', days(day), { properties: { orderId } });
const refund = (day: number, orderId: string) =>
  journeyEvent('order_refunded', days(day), { properties: { orderId, amount: '20.00', currency: 'EUR' } });
const incident = (day: number, incidentId: string) =>
  journeyEvent('incident_reported', days(day), { properties: { incidentId, kind: 'damaged' } });
const resolved = (day: number, incidentId: string) =>
  journeyEvent('incident_resolved', days(day), { properties: { incidentId } });
const renewed = (day: number, subscriptionId: string) =>
  journeyEvent('subscription_renewed', days(day), { properties: { subscriptionId } });
const cancelled = (day: number, subscriptionId: string) =>
  journeyEvent('subscription_cancelled', days(day), { properties: { subscriptionId } });
const nps = (day: number, score: number) =>
  journeyEvent('nps_response', days(day), { properties: { score } });

describe(churnInputFromState.name, () => {
  it('derives every churn fact of a customer from their journey state', () => {
    const state = stateAfter([
      journeyEvent('product_viewed', days(0)),
      order(1, 'o-1'),
      order(1.5, 'o-2'),
      order(11, 'o-3'),
      order(15, 'o-4'),
      cancel(16, 'o-4'),
      order(31, 'o-5'),
      refund(32, 'o-5'),
      incident(33, 'i-1'),
      incident(34, 'i-2'),
      resolved(35, 'i-1'),
      journeyEvent('incident_resolved', days(35), { properties: { incidentId: 'i-3' } }),
      renewed(36, 's-1'),
      cancelled(37, 's-1'),
      cancelled(36, 's-2'),
      renewed(37, 's-2'),
      nps(38, 4),
      journeyEvent('product_viewed', days(40)),
    ]);
    expect(churnInputFromState(state, days(41), 0.9)).toEqual({
      openIncidents: 1,
      lastNps: { score: 4, category: 'detractor', at: days(38) },
      subscriptionsCancelled: 1,
      // o-1 and o-2 share a day; o-4 was cancelled; o-5 was refunded but still bought.
      purchaseDays: [1, 11, 31].map((day) => days(day) / DAY_MS),
      typicalPurchaseIntervalMs: 15 * DAY_MS,
      lastPurchaseAt: days(31),
      lastSeenAt: days(40),
      currentStage: 'retention',
      pAlive: 0.9,
    });
  });

  it('leaves pAlive out before the first fit and purchases out for a prospect', () => {
    const input = churnInputFromState(stateAfter([journeyEvent('ad_click', days(2))]), days(3));
    expect(input).toEqual({
      openIncidents: 0,
      lastNps: null,
      subscriptionsCancelled: 0,
      purchaseDays: [],
      typicalPurchaseIntervalMs: null,
      lastPurchaseAt: null,
      lastSeenAt: days(2),
      currentStage: 'awareness',
    });
  });

  it('reads times stamped after now, from a clock running ahead, as now but still counts the facts', () => {
    const state = stateAfter([order(1, 'o-1'), order(5, 'o-2'), incident(6, 'i-1'), resolved(6, 'i-1')]);
    expect(churnInputFromState(state, days(4))).toMatchObject({
      openIncidents: 0,
      lastPurchaseAt: days(4),
      lastSeenAt: days(4),
      typicalPurchaseIntervalMs: 3 * DAY_MS,
    });
  });
});
