import calculateSlot from 'cluster-key-slot';

/**
 * Splits command positions into groups that one cluster pipeline may carry: positions whose keys hash
 * to slots with the same owner stay together, in input order.
 *
 * `ownerOfSlot` answers undefined while the client does not know the slot table yet; such keys are
 * grouped by slot instead, which is always a valid pipeline (one slot has one owner), merely smaller.
 */
export function groupBySlotOwner(
  keys: readonly string[],
  ownerOfSlot: (slot: number) => number | undefined,
): number[][] {
  const groups = new Map<string, number[]>();
  keys.forEach((key, position) => {
    const slot = calculateSlot(key);
    const owner = ownerOfSlot(slot);
    const groupId = owner === undefined ? `slot:${slot}` : `owner:${owner}`;
    const group = groups.get(groupId);
    if (group) group.push(position);
    else groups.set(groupId, [position]);
  });
  return [...groups.values()];
}
