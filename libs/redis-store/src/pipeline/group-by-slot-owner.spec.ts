import calculateSlot from 'cluster-key-slot';
import { groupBySlotOwner } from './group-by-slot-owner';

describe(groupBySlotOwner.name, () => {
  const keys = ['a:{c1}', 'a:{c2}', 'a:{c3}', 'a:{c4}', 'a:{c1}:seen'];

  it('puts keys whose slots share an owner in one group, keeping input order', () => {
    const owner = (slot: number): number => slot % 2;
    const groups = groupBySlotOwner(keys, owner);
    expect(groups.flat().sort()).toEqual([0, 1, 2, 3, 4]);
    for (const group of groups) {
      const owners = new Set(group.map((position) => owner(calculateSlot(keys[position]))));
      expect(owners.size).toBe(1);
      expect([...group].sort((a, b) => a - b)).toEqual(group);
    }
  });

  it('keeps every key of one hash tag together', () => {
    const groups = groupBySlotOwner(keys, (slot) => slot);
    expect(groups.find((group) => group.includes(0))).toEqual([0, 4]);
  });

  it('falls back to one group per slot while the slot table is unknown', () => {
    const groups = groupBySlotOwner(keys, () => undefined);
    expect(groups).toEqual([[0, 4], [1], [2], [3]]);
  });

  it('returns no group for no keys', () => {
    expect(groupBySlotOwner([], () => 1)).toEqual([]);
  });
});
