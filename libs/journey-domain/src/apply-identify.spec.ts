import { IDENTITY_TOPIC, IdentifyEvent } from '@pipeline/contracts';
import { journeyEvent, minutes, stateAfter } from '../test/journey-event.fixture';
import { applyIdentify } from './apply-identify';
import { Delivery } from './delivery-dedupe';
import { assessStages } from './journey-stages';
import { factsOf } from './journey-state';

function identify(at: number, overrides: Partial<IdentifyEvent> = {}): IdentifyEvent {
  return {
    eventId: 'id-1',
    customerId: 'cust-1',
    type: 'identify',
    occurredAt: at,
    properties: { anonymousId: 'anon-1' },
    schemaVersion: 1,
    ...overrides,
  };
}

const at = (offset: number): Delivery => ({ topic: IDENTITY_TOPIC, partition: 0, offset: String(offset) });

const visitor = () =>
  stateAfter([
    journeyEvent('ad_click', minutes(1), { eventId: 'a-1', customerId: 'anon-1' }),
    journeyEvent('product_viewed', minutes(2), { eventId: 'a-2', customerId: 'anon-1' }),
  ]);

describe(applyIdentify.name, () => {
  it('makes a customer first known by an identify enter the journey where the visitor was', () => {
    const result = applyIdentify(undefined, visitor(), identify(minutes(5)), at(0));
    expect(result).toMatchObject({
      outcome: 'merged',
      state: { seen: [minutes(1), minutes(5)], mrg: ['anon-1'], n: { ad_click: 1, product_viewed: 1 } },
      stageChange: { from: null, to: 'consideration', at: minutes(5), causingEventId: 'id-1' },
    });
  });

  it('moves an aware customer to consideration when the visitor had considered', () => {
    const customer = stateAfter([journeyEvent('search_visit', minutes(4), { eventId: 'c-1' })]);
    const result = applyIdentify(customer, visitor(), identify(minutes(5)), at(0));
    expect(result.outcome === 'merged' && result.stageChange).toMatchObject({
      from: 'awareness',
      to: 'consideration',
    });
  });

  it('emits no stage change when the merge only moves the first seen earlier', () => {
    const customer = stateAfter([
      journeyEvent('product_viewed', minutes(4), { eventId: 'c-1' }),
      journeyEvent('order_placed', minutes(6), { eventId: 'c-2' }),
    ]);
    const result = applyIdentify(customer, visitor(), identify(minutes(7)), at(0));
    expect(result.outcome === 'merged' && result.stageChange).toBeUndefined();
    expect(assessStages(result.state).entered.awareness?.firstEnteredAt).toBe(minutes(1));
  });

  it('changes nothing when the identify is redelivered or sent again under the same id', () => {
    const first = applyIdentify(undefined, visitor(), identify(minutes(5)), at(3)).state;
    const redelivered = applyIdentify(first, visitor(), identify(minutes(5)), at(3));
    expect(redelivered).toEqual({ outcome: 'duplicate', state: first, duplicate: 'redelivery' });
    const resent = applyIdentify(first, visitor(), identify(minutes(5)), at(9));
    expect(resent.outcome).toBe('duplicate');
    expect(factsOf(resent.state)).toEqual(factsOf(first));
  });

  it('counts a later sign-in of a merged visitor as activity only', () => {
    const first = applyIdentify(undefined, visitor(), identify(minutes(5)), at(0)).state;
    const later = applyIdentify(first, visitor(), identify(minutes(50), { eventId: 'id-2' }), at(1));
    expect(later.outcome === 'merged' && later.stageChange).toBeUndefined();
    expect(factsOf(later.state)).toEqual({ ...factsOf(first), seen: [minutes(1), minutes(50)] });
  });
});
