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

/** An object holding `own`, inheriting from `prototype`. */
function withPrototype(prototype: object, own: object): Record<string, unknown> {
  const object = Object.create(prototype) as Record<string, unknown>;
  return Object.assign(object, own);
}

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

  it('names the first problem in field order, unknown fields first, whatever order they come in', () => {
    const { sv, seen, n } = rich();
    expect(parseJourneyState({ wm: { 't:0': 'x' }, n: { page_view: 1 }, seen, sv })).toEqual({
      ok: false,
      message: 'state field n is malformed',
    });
    expect(parseJourneyState({ sv, seen, n, loy: 'x', extra: 1 })).toEqual({
      ok: false,
      message: 'state has an unknown field extra',
    });
    expect(parseJourneyState({ sv, n, seen: undefined })).toEqual({ ok: false, message: 'state lacks seen' });
  });

  it('accepts a well-formed state whatever its field order, and an optional field left undefined', () => {
    const { sv, seen, n, ord } = rich();
    const shuffled = { ord, n, seen, sv };
    expect(parseJourneyState(shuffled)).toEqual({ ok: true, state: shuffled });
    const withUndefined = { sv, seen, n, aw: undefined };
    expect(parseJourneyState(withUndefined)).toEqual({ ok: true, state: withUndefined });
  });

  it('checks an object with another prototype field by field', () => {
    const { sv, seen, n } = rich();
    const derived = withPrototype({ inherited: true }, { sv, seen, n });
    expect(parseJourneyState(derived)).toEqual({ ok: true, state: derived });
    const lacking = withPrototype({ seen }, { sv, n });
    expect(parseJourneyState(lacking)).toEqual({ ok: true, state: lacking });
    const malformed = withPrototype({ aw: [2, 1] }, { sv, seen, n });
    expect(parseJourneyState(malformed)).toEqual({ ok: false, message: 'state field aw is malformed' });
  });
});
