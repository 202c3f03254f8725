import { decodeJourneyState } from './decode-journey-state';

describe(decodeJourneyState.name, () => {
  it('reports text that is not JSON as unreadable instead of throwing', () => {
    const result = decodeJourneyState('{nope');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('not JSON');
  });

  it('reports JSON that is not a journey state as unreadable', () => {
    expect(decodeJourneyState('{"x":1}')).toMatchObject({ ok: false });
  });
});
