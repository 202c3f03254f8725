import { journeyEvent, minutes, stateAfter } from '../test/journey-event.fixture';
import { assessStages } from './journey-stages';

const order = (at: number, orderId: string, amount = '50.00', currency = 'EUR') =>
  journeyEvent('order_placed', minutes(at), { properties: { orderId, amount, currency } });
const cancel = (at: number, orderId: string) =>
  journeyEvent('order_cancelled', minutes(at), { properties: { orderId } });
const refund = (at: number, orderId: string, amount: string, currency = 'EUR') =>
  journeyEvent('order_refunded', minutes(at), { properties: { orderId, amount, currency } });
const nps = (at: number, score: number, eventId?: string) =>
  journeyEvent('nps_response', minutes(at), { properties: { score }, ...(eventId && { eventId }) });
const view = (at: number) => journeyEvent('product_viewed', minutes(at));
const visit = (at: number) => journeyEvent('repeat_visit', minutes(at));

describe(assessStages.name, () => {
  it('places any known customer in awareness from the moment they were first seen', () => {
    const stages = assessStages(stateAfter([journeyEvent('incident_reported', minutes(3))]));
    expect(stages).toEqual({
      current: 'awareness',
      furthest: 'awareness',
      currentSince: minutes(3),
      entered: { awareness: { firstEnteredAt: minutes(3), lastEnteredAt: minutes(3) } },
    });
  });

  it('lets a customer skip consideration by buying straight away', () => {
    const stages = assessStages(stateAfter([journeyEvent('ad_click', minutes(1)), order(2, 'o-1')]));
    expect(stages.current).toBe('conversion');
    expect(stages.entered.consideration).toBeUndefined();
  });

  it('needs an order before a retention signal counts', () => {
    expect(assessStages(stateAfter([view(1), visit(2)])).furthest).toBe('consideration');
    const stages = assessStages(stateAfter([view(1), visit(2), order(5, 'o-1'), visit(7)]));
    expect(stages.current).toBe('retention');
    expect(stages.entered.retention).toEqual({ firstEnteredAt: minutes(5), lastEnteredAt: minutes(7) });
  });

  it('counts a second distinct order as retention, but not the same order twice', () => {
    expect(assessStages(stateAfter([order(1, 'o-1'), order(2, 'o-1')])).current).toBe('conversion');
    const stages = assessStages(stateAfter([order(1, 'o-1'), order(4, 'o-2')]));
    expect(stages.current).toBe('retention');
    expect(stages.entered.retention?.firstEnteredAt).toBe(minutes(4));
  });

  it('moves a customer whose every order is cancelled back to consideration, since the last cancel', () => {
    const stages = assessStages(
      stateAfter([view(1), order(2, 'o-1'), order(3, 'o-2'), cancel(4, 'o-1'), cancel(6, 'o-2')]),
    );
    expect(stages).toMatchObject({
      current: 'consideration',
      furthest: 'retention',
      currentSince: minutes(6),
    });
  });

  it('keeps a customer converted while one order still stands', () => {
    const stages = assessStages(stateAfter([order(2, 'o-1'), order(3, 'o-2'), cancel(4, 'o-1')]));
    expect(stages.current).toBe('retention');
  });

  it('keeps a cancel that arrives before its order, and closes the order no earlier than it was placed', () => {
    const stages = assessStages(stateAfter([cancel(1, 'o-1'), order(5, 'o-1')]));
    expect(stages).toMatchObject({
      current: 'consideration',
      furthest: 'conversion',
      currentSince: minutes(5),
    });
  });

  it('treats an order refunded in full, or beyond, as no purchase', () => {
    const partial = assessStages(stateAfter([order(1, 'o-1', '50.00'), refund(2, 'o-1', '20.00')]));
    expect(partial.current).toBe('conversion');
    const full = assessStages(
      stateAfter([order(1, 'o-1', '50.00'), refund(2, 'o-1', '20.00'), refund(3, 'o-1', '30.00')]),
    );
    expect(full).toMatchObject({ current: 'consideration', currentSince: minutes(3) });
    const beyond = assessStages(stateAfter([order(1, 'o-1', '50.00'), refund(2, 'o-1', '80.00')]));
    expect(beyond).toMatchObject({ current: 'consideration', currentSince: minutes(2) });
  });

  it('does not count a refund in another currency towards refunding an order in full', () => {
    const stages = assessStages(
      stateAfter([order(1, 'o-1', '50.00', 'EUR'), refund(2, 'o-1', '90.00', 'USD')]),
    );
    expect(stages.current).toBe('conversion');
  });

  it('regresses an advocate whose latest NPS answer is a detractor to retention when retained', () => {
    const stages = assessStages(stateAfter([order(1, 'o-1'), visit(2), nps(3, 10), nps(5, 3)]));
    expect(stages).toMatchObject({ current: 'retention', furthest: 'advocacy', currentSince: minutes(5) });
  });

  it('regresses an advocate with a detractor answer to conversion when not retained', () => {
    const stages = assessStages(stateAfter([order(1, 'o-1'), nps(3, 9), nps(5, 6)]));
    expect(stages).toMatchObject({ current: 'conversion', furthest: 'advocacy', currentSince: minutes(5) });
  });

  it('restores advocacy when an advocacy signal follows the detractor answer', () => {
    const share = journeyEvent('social_share', minutes(8));
    expect(assessStages(stateAfter([order(1, 'o-1'), nps(3, 10), nps(5, 2), share])).current).toBe(
      'advocacy',
    );
  });

  it('ignores a late, older detractor answer when a newer promoter answer exists', () => {
    const stages = assessStages(stateAfter([order(1, 'o-1'), nps(5, 10), nps(3, 0)]));
    expect(stages.current).toBe('advocacy');
  });

  it('does not regress for a passive answer', () => {
    expect(assessStages(stateAfter([order(1, 'o-1'), nps(3, 10), nps(5, 7)])).current).toBe('advocacy');
  });

  it('never enters advocacy before the first order, and dates it from that order', () => {
    const stages = assessStages(stateAfter([journeyEvent('social_share', minutes(1)), order(4, 'o-1')]));
    expect(stages.entered.advocacy).toEqual({ firstEnteredAt: minutes(4), lastEnteredAt: minutes(4) });
    expect(stages.currentSince).toBe(minutes(4));
  });

  it('prefers consideration over the detractor rule when every order is cancelled', () => {
    const stages = assessStages(stateAfter([order(1, 'o-1'), nps(2, 10), nps(3, 1), cancel(4, 'o-1')]));
    expect(stages).toMatchObject({ current: 'consideration', furthest: 'advocacy' });
  });
});
