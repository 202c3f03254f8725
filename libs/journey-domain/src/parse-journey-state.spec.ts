import { journeyEvent, minutes, stateAfter } from '../test/journey-event.fixture';
import { parseJourneyState } from './parse-journey-state';

const rich = () =>
  stateAfter([
    journeyEvent('ad_click', minutes(1), { channel: 'ads' }),
    journeyEvent('order_placed', minutes(2)),
    journeyEvent('order_refunded', minutes(3)),
    journeyEvent('order_cancelled', minutes(4)),
    journeyEvent('incident_resolved', minutes(5)),
    journeyEvent('nps_response', minutes(6)),
    journeyEvent('review_posted', minutes(7)),
    journeyEvent('referral_sent', minutes(8)),
    journeyEvent('subscription_cancelled', minutes(9)),
    journeyEvent('loyalty_joined', minutes(10)),
  ]);

describe(parseJourneyState.name, () => {
  it('accepts every state the domain writes, after a JSON round trip', () => {
    const state = rich();
    expect(parseJourneyState(JSON.parse(JSON.stringify(state)))).toEqual({ ok: true, state });
  });

  it.each([
    ['a non-object', [], 'state must be a JSON object'],
    ['another layout version', { sv: 2 }, 'state version must be 1, got 2'],
    ['an unknown field', { ...rich(), extra: 1 }, 'state has an unknown field extra'],
    ['a missing required field', { sv: 1, n: {} }, 'state lacks seen'],
    ['a reversed time span', { ...rich(), seen: [2, 1] }, 'state field seen is malformed'],
    ['an unknown event type count', { ...rich(), n: { page_view: 1 } }, 'state field n is malformed'],
    ['a fractional amount', { ...rich(), ord: { o: [1, 1.5, 'EUR'] } }, 'state field ord is malformed'],
    ['a bad offset', { ...rich(), wm: { 't:0': '-1' } }, 'state field wm is malformed'],
    [
      'an unknown incident kind',
      { ...rich(), inc: { i: ['flood', 1, null] } },
      'state field inc is malformed',
    ],
  ])('rejects %s with a message naming the problem', (_, value, message) => {
    expect(parseJourneyState(value)).toEqual({ ok: false, message });
  });
});
