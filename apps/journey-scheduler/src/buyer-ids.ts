import { INDEX_MEMBER_SEPARATOR } from '@pipeline/contracts';
import { IndexEntry } from '@pipeline/redis-store';

/**
 * The distinct customers of the order index (members "<customerId> <orderId>", one per uncancelled
 * order), in the index's order. Ids contain no space, so the customer id is the text before the first.
 */
export function buyerIdsFromOrderIndex(entries: readonly IndexEntry[]): string[] {
  const buyers = new Set<string>();
  for (const { member } of entries) {
    const end = member.indexOf(INDEX_MEMBER_SEPARATOR);
    if (end > 0) buyers.add(member.slice(0, end));
  }
  return [...buyers];
}
