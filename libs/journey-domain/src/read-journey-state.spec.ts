import { JOURNEY_STATE_VERSION } from './journey-state';
import { UnreadableJourneyError, readJourneyState } from './read-journey-state';

function thrownBy(read: () => unknown): unknown {
  try {
    read();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected an error, got none');
}

describe(readJourneyState.name, () => {
  const state = { sv: JOURNEY_STATE_VERSION, seen: [1, 2], n: { product_viewed: 1 } };

  it('reads a stored state', () => {
    expect(readJourneyState('c-1', JSON.stringify(state))).toEqual(state);
  });

  it('names the customer and the reason when the text is not JSON', () => {
    const error = thrownBy(() => readJourneyState('c-1', '{"sv":1,'));
    expect(error).toBeInstanceOf(UnreadableJourneyError);
    expect(error).toMatchObject({ customerId: 'c-1' });
    expect((error as Error).message).toMatch(/^stored journey of c-1 is unreadable: not JSON/);
  });

  it('refuses JSON that is not a state of this layout', () => {
    const error = thrownBy(() => readJourneyState('c-2', JSON.stringify({ ...state, sv: 99 })));
    expect(error).toBeInstanceOf(UnreadableJourneyError);
    expect(error).toMatchObject({ customerId: 'c-2', name: 'UnreadableJourneyError' });
  });
});
