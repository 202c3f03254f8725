import { recentIdsWith } from './delivery-dedupe';

/** The definition: the window of ids with the new one appended, keeping the last `window`. */
function reference(ids: readonly string[], fingerprint: string, window: number): string[] {
  return window === 0 ? [] : [...ids, fingerprint].slice(-window);
}

describe(recentIdsWith.name, () => {
  const ids = ['a', 'b', 'c', 'd'];

  it.each([0, 1, 2, 4, 5, 32])('keeps the last ids of a window of %p, the new one last', (window) => {
    expect(recentIdsWith(ids, 'e', window)).toEqual(reference(ids, 'e', window));
  });

  it('starts a window from no ids', () => {
    expect(recentIdsWith([], 'e', 32)).toEqual(['e']);
  });

  it('returns a new list, leaving the input alone', () => {
    const input = Object.freeze([...ids]);
    const output = recentIdsWith(input, 'e', 32);
    expect(output).not.toBe(input);
    expect(input).toEqual(ids);
  });

  it.each([-2, 2.5, Number.NaN])('reads an unvalidated window of %p as the slice would', (window) => {
    expect(recentIdsWith(ids, 'e', window)).toEqual(reference(ids, 'e', window));
  });
});
