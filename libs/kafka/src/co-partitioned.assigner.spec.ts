import { coPartitionedAssignment } from './co-partitioned.assigner';

const SIX = [0, 1, 2, 3, 4, 5];
const stageTopics = (count: number): Map<string, number[]> =>
  new Map(
    ['awareness', 'consideration', 'conversion', 'retention', 'advocacy'].map((t) => [
      t,
      SIX.slice(0, count),
    ]),
  );

/** The partition numbers a member holds, per topic, when every topic holds the same ones (else throws). */
function numbersOf(assignment: Record<string, number[]>): number[] {
  const lists = Object.values(assignment).map((list) => list.join(','));
  if (new Set(lists).size > 1) throw new Error(`topics disagree: ${JSON.stringify(assignment)}`);
  return Object.values(assignment)[0] ?? [];
}

describe(coPartitionedAssignment.name, () => {
  it.each([1, 2, 3, 4, 5, 6])('gives one member partition N of every topic, with %i members', (count) => {
    const members = Array.from({ length: count }, (_, i) => `member-${i}`);
    const assignments = coPartitionedAssignment(members, stageTopics(6));
    const held = [...assignments.values()].map(numbersOf);
    // Every partition number is held exactly once, and the load differs by at most one number.
    expect(held.flat().sort()).toEqual(SIX);
    const sizes = held.map((numbers) => numbers.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('does what round-robin cannot with four members: no customer split across members', () => {
    const assignments = coPartitionedAssignment(['d', 'b', 'a', 'c'], stageTopics(6));
    expect(Object.fromEntries([...assignments].map(([id, a]) => [id, numbersOf(a)]))).toEqual({
      a: [0, 4],
      b: [1, 5],
      c: [2],
      d: [3],
    });
  });

  it('leaves members beyond the partition count with nothing, and every member in the answer', () => {
    const members = Array.from({ length: 8 }, (_, i) => `m${i}`);
    const assignments = coPartitionedAssignment(members, stageTopics(6));
    expect([...assignments.keys()]).toEqual(members);
    expect(assignments.get('m6')).toEqual({});
    expect(assignments.get('m7')).toEqual({});
  });

  it('deals the numbers of topics with fewer partitions to the same owners', () => {
    const topics = new Map([
      ['wide', [5, 3, 1, 0, 2, 4]],
      ['narrow', [1, 0]],
    ]);
    const assignments = coPartitionedAssignment(['x', 'y'], topics);
    expect(assignments.get('x')).toEqual({ wide: [0, 2, 4], narrow: [0] });
    expect(assignments.get('y')).toEqual({ wide: [1, 3, 5], narrow: [1] });
  });

  it('assigns nothing when there are no topics', () => {
    expect(coPartitionedAssignment(['a'], new Map())).toEqual(new Map([['a', {}]]));
  });
});
