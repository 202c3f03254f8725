import { stableSort } from './stable-sort';

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe(stableSort.name, () => {
  const byKey = (a: readonly [number, number], b: readonly [number, number]): number => a[0] - b[0];

  it('orders as Array.prototype.sort does, ties kept in their original order', () => {
    const random = lcg(7);
    for (let length = 0; length <= 40; length += 1) {
      for (let round = 0; round < 20; round += 1) {
        const items = Array.from({ length }, (_, i) => [Math.floor(random() * 5), i] as const);
        expect(stableSort([...items], byKey)).toEqual([...items].sort(byKey));
      }
    }
  });

  it('sorts in place and returns the same array', () => {
    const items = [3, 1, 2];
    expect(stableSort(items, (a, b) => a - b)).toBe(items);
    expect(items).toEqual([1, 2, 3]);
  });
});
