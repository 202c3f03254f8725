import { coalesceIndexChanges, IndexChange } from './journey-index.repository';

/** Applies changes one by one to in-memory sorted sets: the meaning the coalesced form must keep. */
function applyInOrder(changes: readonly IndexChange[]): Map<string, Map<string, number>> {
  const sets = new Map<string, Map<string, number>>();
  for (const change of changes) {
    const members = sets.get(change.index) ?? new Map<string, number>();
    sets.set(change.index, members);
    if (change.op === 'set') members.set(change.member, change.score);
    else members.delete(change.member);
  }
  return sets;
}

function applyCoalesced(
  start: Map<string, Map<string, number>>,
  changes: readonly IndexChange[],
): Map<string, Map<string, number>> {
  for (const { index, sets, removes } of coalesceIndexChanges(changes)) {
    const members = start.get(index) ?? new Map<string, number>();
    start.set(index, members);
    for (const [score, member] of sets) members.set(member, score);
    for (const member of removes) members.delete(member);
  }
  return start;
}

describe(coalesceIndexChanges.name, () => {
  it('keeps only the last change of each member, one delta per index', () => {
    const deltas = coalesceIndexChanges([
      { index: 'clv', op: 'set', member: 'a', score: 1 },
      { index: 'clv', op: 'set', member: 'b', score: 2 },
      { index: 'clv', op: 'remove', member: 'a' },
      { index: 'customers', op: 'set', member: 'a', score: 5 },
      { index: 'clv', op: 'set', member: 'b', score: 3 },
      { index: 'customers', op: 'remove', member: 'c' },
    ]);
    expect(deltas).toEqual([
      { index: 'clv', sets: [[3, 'b']], removes: ['a'] },
      { index: 'customers', sets: [[5, 'a']], removes: ['c'] },
    ]);
  });

  it('leaves every index as applying the changes one by one would, on random sequences', () => {
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const indexes = ['clv', 'customers', 'churn-due'] as const;
    for (let round = 0; round < 200; round += 1) {
      const changes: IndexChange[] = Array.from({ length: 1 + next(40) }, () => {
        const index = indexes[next(indexes.length)] ?? 'clv';
        const member = `m${next(6)}`;
        return next(3) === 0
          ? { index, op: 'remove', member }
          : { index, op: 'set', member, score: next(100) };
      });
      // Start from a state holding every member, so removals of untouched members would show.
      const start = () =>
        new Map(indexes.map((i) => [i, new Map(Array.from({ length: 6 }, (_, m) => [`m${m}`, -1]))]));
      const expected = applyInOrder([
        ...indexes.flatMap((index) =>
          Array.from({ length: 6 }, (_, m): IndexChange => ({
            index,
            op: 'set',
            member: `m${m}`,
            score: -1,
          })),
        ),
        ...changes,
      ]);
      expect(applyCoalesced(start(), changes)).toEqual(expected);
    }
  });
});
