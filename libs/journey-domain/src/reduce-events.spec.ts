import { journeyEvent, minutes, stateAfter } from '../test/journey-event.fixture';
import { factsOf } from './journey-state';
import { reduceEvents } from './reduce-events';

describe(reduceEvents.name, () => {
  it('folds each customer separately and applies each of their event ids once', () => {
    const a1 = journeyEvent('ad_click', minutes(1), { eventId: 'e-1', customerId: 'a' });
    const a2 = journeyEvent('order_placed', minutes(2), { eventId: 'e-2', customerId: 'a' });
    const b1 = journeyEvent('ad_click', minutes(3), { eventId: 'e-1', customerId: 'b' });
    const states = reduceEvents([a1, b1, a2, a1, a2]);
    expect([...states.keys()]).toEqual(['a', 'b']);
    expect(states.get('a')).toEqual(factsOf(stateAfter([a1, a2])));
    expect(states.get('b')).toEqual(factsOf(stateAfter([b1])));
  });
});
