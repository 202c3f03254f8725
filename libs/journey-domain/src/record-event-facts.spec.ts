import { journeyEvent, minutes } from '../test/journey-event.fixture';
import { JourneyEvent } from '@pipeline/contracts';
import { eventFingerprint } from './event-fingerprint';
import { JourneyState } from './journey-state';
import { recordEventFacts } from './record-event-facts';

function fold(events: readonly JourneyEvent[]): JourneyState {
  const state = events.reduce<JourneyState | undefined>(recordEventFacts, undefined);
  if (!state) throw new Error('no events');
  return state;
}

const placed = (at: number, amount: string, eventId?: string) =>
  journeyEvent('order_placed', minutes(at), {
    properties: { orderId: 'o-1', amount, currency: 'EUR' },
    ...(eventId && { eventId }),
  });

describe(recordEventFacts.name, () => {
  it('tracks first and last seen as min and max event time, not arrival', () => {
    const state = fold([journeyEvent('ad_click', minutes(5)), journeyEvent('ad_click', minutes(1))]);
    expect(state.seen).toEqual([minutes(1), minutes(5)]);
    expect(state.aw).toEqual([minutes(1), minutes(5)]);
  });

  it('keeps the earliest version of an order whichever copy arrives first', () => {
    const early = placed(1, '10.00');
    const late = placed(2, '99.00');
    expect(fold([late, early]).ord).toEqual({ 'o-1': [minutes(1), 1000, 'EUR'] });
    expect(fold([early, late]).ord).toEqual({ 'o-1': [minutes(1), 1000, 'EUR'] });
  });

  it('settles two versions of an order at the same instant by their content, not by arrival', () => {
    const a = placed(1, '10.00', 'e-a');
    const b = placed(1, '20.00', 'e-b');
    expect(fold([a, b]).ord).toEqual(fold([b, a]).ord);
  });

  it('keeps an NPS answer only while no newer one by event time exists', () => {
    const newer = journeyEvent('nps_response', minutes(5), { eventId: 'e-new', properties: { score: 10 } });
    const older = journeyEvent('nps_response', minutes(2), { eventId: 'e-old', properties: { score: 1 } });
    expect(fold([newer, older]).nps).toEqual([minutes(5), 10, 'e-new']);
    expect(fold([older, newer]).nps).toEqual([minutes(5), 10, 'e-new']);
  });

  it('stores a refund once per refundId', () => {
    const refund = journeyEvent('order_refunded', minutes(3), {
      properties: { orderId: 'o-1', amount: '5.00', currency: 'EUR', refundId: 'r-1' },
    });
    expect(fold([refund, refund]).ref).toEqual({ 'r-1': ['o-1', minutes(3), 500, 'EUR'] });
  });

  it('records an incident resolved before it is reported', () => {
    const resolved = journeyEvent('incident_resolved', minutes(4), { properties: { incidentId: 'i-1' } });
    const reported = journeyEvent('incident_reported', minutes(2), {
      properties: { incidentId: 'i-1', kind: 'damaged' },
    });
    expect(fold([resolved]).inc).toEqual({ 'i-1': [null, null, minutes(4)] });
    expect(fold([resolved, reported]).inc).toEqual({ 'i-1': ['damaged', minutes(2), minutes(4)] });
  });

  it('keeps the latest renewal and cancellation of each subscription', () => {
    const renew = (at: number) =>
      journeyEvent('subscription_renewed', minutes(at), { properties: { subscriptionId: 's' } });
    const cancel = journeyEvent('subscription_cancelled', minutes(3), {
      properties: { subscriptionId: 's' },
    });
    expect(fold([renew(5), cancel, renew(1)]).sub).toEqual({ s: [minutes(5), minutes(3)] });
  });

  it('attributes acquisition cost once per causing event', () => {
    const click = journeyEvent('ad_click', minutes(1), {
      eventId: 'e-c',
      properties: { source: 'google', cost: '0.10', currency: 'EUR' },
    });
    expect(fold([click, click]).acq).toEqual({ [eventFingerprint('e-c')]: [10, 'EUR'] });
  });

  it('keeps the earliest loyalty join and counts every type seen', () => {
    const state = fold([
      journeyEvent('loyalty_joined', minutes(7)),
      journeyEvent('loyalty_joined', minutes(2)),
    ]);
    expect(state.loy).toBe(minutes(2));
    expect(state.n).toEqual({ loyalty_joined: 2 });
    expect(state.re).toEqual([minutes(2), minutes(7)]);
  });

  it('only counts high ratings and promoter answers as advocacy', () => {
    const low = fold([
      journeyEvent('review_posted', minutes(1), { properties: { rating: 3 } }),
      journeyEvent('nps_response', minutes(2), { properties: { score: 8 } }),
    ]);
    expect(low.ad).toBeUndefined();
    expect(low.rev).toEqual([3, minutes(1)]);
    const high = fold([journeyEvent('review_posted', minutes(1), { properties: { rating: 4 } })]);
    expect(high.ad).toEqual([minutes(1), minutes(1)]);
  });

  it('reads an order id such as "constructor" as data, not as an inherited property', () => {
    const state = fold([
      journeyEvent('order_cancelled', minutes(1), { properties: { orderId: 'constructor' } }),
      journeyEvent('order_placed', minutes(2), {
        properties: { orderId: 'constructor', amount: '1', currency: 'EUR' },
      }),
    ]);
    expect(state.cxl).toEqual({ constructor: minutes(1) });
    expect(state.ord).toEqual({ constructor: [minutes(2), 100, 'EUR'] });
  });
});
