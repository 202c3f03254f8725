import { JourneyEvent } from '@pipeline/contracts';
import { applyInOrder, deliveryOf, journeyEvent, minutes, stateAfter } from '../test/journey-event.fixture';
import { applyEvent } from './apply-event';
import { assessStages } from './journey-stages';
import { factsOf } from './journey-state';
import { summarize } from './summarize-journey';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const funnel = (): JourneyEvent[] => [
  journeyEvent('ad_click', minutes(1), { eventId: 'e-aw' }),
  journeyEvent('product_viewed', minutes(2), { eventId: 'e-co' }),
  journeyEvent('order_placed', minutes(3), {
    eventId: 'e-o1',
    properties: { orderId: 'o-1', amount: '59.90', currency: 'EUR' },
  }),
  journeyEvent('order_placed', minutes(4), {
    eventId: 'e-o2',
    properties: { orderId: 'o-2', amount: '20.00', currency: 'EUR' },
  }),
  journeyEvent('nps_response', minutes(5), { eventId: 'e-nps', properties: { score: 10 } }),
];

describe(applyEvent.name, () => {
  it('walks a scripted journey through all five stages with one stage change each', () => {
    const { results } = applyInOrder(funnel());
    expect(results.map((r) => (r.outcome === 'applied' ? r.stageChange : undefined))).toEqual([
      { from: null, to: 'awareness', at: minutes(1), causingEventId: 'e-aw', furthestStage: 'awareness' },
      {
        from: 'awareness',
        to: 'consideration',
        at: minutes(2),
        causingEventId: 'e-co',
        furthestStage: 'consideration',
      },
      {
        from: 'consideration',
        to: 'conversion',
        at: minutes(3),
        causingEventId: 'e-o1',
        furthestStage: 'conversion',
      },
      {
        from: 'conversion',
        to: 'retention',
        at: minutes(4),
        causingEventId: 'e-o2',
        furthestStage: 'retention',
      },
      {
        from: 'retention',
        to: 'advocacy',
        at: minutes(5),
        causingEventId: 'e-nps',
        furthestStage: 'advocacy',
      },
    ]);
  });

  it('keeps an advocate an advocate when they buy again', () => {
    const { state } = applyInOrder(funnel());
    const reorder = journeyEvent('order_placed', minutes(6), {
      properties: { orderId: 'o-3', amount: '5.00', currency: 'EUR' },
    });
    const result = applyEvent(state, reorder, deliveryOf(reorder, 100));
    expect(result).toMatchObject({ outcome: 'applied' });
    expect(result.outcome === 'applied' && result.stageChange).toBeUndefined();
    expect(assessStages(result.state).current).toBe('advocacy');
  });

  it('reports no stage change for an event that does not move the customer', () => {
    const { results } = applyInOrder([
      journeyEvent('ad_click', minutes(1)),
      journeyEvent('ad_impression', minutes(2)),
    ]);
    expect(Object.keys(results[1])).toEqual(['outcome', 'state']);
  });

  it('treats a redelivery at an offset already applied as a duplicate and keeps the state', () => {
    const event = journeyEvent('ad_click', minutes(1));
    const first = applyEvent(undefined, event, deliveryOf(event, 7));
    const again = applyEvent(first.state, event, deliveryOf(event, 7));
    const older = applyEvent(first.state, journeyEvent('ad_click', minutes(2)), deliveryOf(event, 3));
    expect(again).toEqual({ outcome: 'duplicate', duplicate: 'redelivery', state: first.state });
    expect(again.state).toBe(first.state);
    expect(older).toMatchObject({ outcome: 'duplicate', duplicate: 'redelivery' });
  });

  it('keeps a watermark per topic-partition, so another partition at a lower offset still applies', () => {
    const a = journeyEvent('ad_click', minutes(1));
    const b = journeyEvent('ad_click', minutes(2));
    const first = applyEvent(undefined, a, { topic: 'journey.awareness.v1', partition: 0, offset: '900' });
    const second = applyEvent(first.state, b, { topic: 'journey.awareness.v1', partition: 1, offset: '5' });
    expect(second.outcome).toBe('applied');
    expect(second.state.wm).toEqual({ 'journey.awareness.v1:0': '900', 'journey.awareness.v1:1': '5' });
  });

  it('compares offsets above 2^53 exactly', () => {
    const event = journeyEvent('ad_click', minutes(1));
    const delivery = { topic: 't', partition: 0, offset: '9007199254740993' };
    const first = applyEvent(undefined, event, delivery);
    const next = journeyEvent('ad_click', minutes(2));
    expect(applyEvent(first.state, next, { ...delivery, offset: '9007199254740992' }).outcome).toBe(
      'duplicate',
    );
    expect(applyEvent(first.state, next, { ...delivery, offset: '9007199254740994' }).outcome).toBe(
      'applied',
    );
  });

  it('treats the same eventId at a new offset as a producer duplicate and only records the offset', () => {
    const order = journeyEvent('order_placed', minutes(1), { eventId: 'e-1' });
    const first = applyEvent(undefined, order, deliveryOf(order, 1));
    const resent = applyEvent(first.state, order, deliveryOf(order, 2));
    expect(resent).toMatchObject({ outcome: 'duplicate', duplicate: 'event-id' });
    expect(factsOf(resent.state)).toEqual(factsOf(first.state));
    expect(resent.state.wm).toEqual({ 'journey.conversion.v1:0': '2' });
  });

  it('beyond the recent-id window re-counts a producer duplicate but never its money or stage', () => {
    const click = journeyEvent('ad_click', minutes(1), { eventId: 'e-click' });
    const order = journeyEvent('order_placed', minutes(2), { eventId: 'e-order' });
    const events = [
      click,
      order,
      journeyEvent('product_viewed', minutes(3)),
      journeyEvent('repeat_visit', minutes(4)),
    ];
    const { state } = applyInOrder(events, { recentEventIds: 2 });
    const { state: after, results } = applyInOrder(
      [click, order],
      { recentEventIds: 2 },
      { state, offset: 50 },
    );
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    const [before, now] = [summarize(state!, 'c', minutes(9)), summarize(after!, 'c', minutes(9))];
    expect(now.countsByType).toEqual({ ...before.countsByType, ad_click: 2, order_placed: 2 });
    expect({ ...now, countsByType: null }).toEqual({ ...before, countsByType: null });
  });

  it('remembers only the configured number of recent event ids', () => {
    const events = Array.from({ length: 5 }, (_, i) => journeyEvent('ad_impression', minutes(i)));
    expect(stateAfter(events, { recentEventIds: 3 }).ids).toHaveLength(3);
    expect(stateAfter(events, { recentEventIds: 0 }).ids).toBeUndefined();
    expect(stateAfter(events).ids).toHaveLength(5);
  });

  it('never mutates the state or the event it is given', () => {
    const state = deepFreeze(stateAfter(funnel()));
    const refund = deepFreeze(journeyEvent('order_refunded', minutes(9)));
    const snapshot = JSON.stringify(state);
    expect(() => applyEvent(state, refund, deliveryOf(refund, 99))).not.toThrow();
    expect(JSON.stringify(state)).toBe(snapshot);
  });

  it('rejects a bad window size or a malformed offset as a caller bug', () => {
    const event = journeyEvent('ad_click', minutes(1));
    expect(() => applyEvent(undefined, event, deliveryOf(event, 1), { recentEventIds: -1 })).toThrow(
      RangeError,
    );
    expect(() => applyEvent(undefined, event, { topic: 't', partition: 0, offset: '01' })).toThrow(
      RangeError,
    );
    expect(() => applyEvent(undefined, event, { topic: 't', partition: -1, offset: '1' })).toThrow(
      RangeError,
    );
  });
});
