import { CustomerNpsAnswer } from '@pipeline/journey-domain';
import { INDEX_MEMBER_SEPARATOR } from '@pipeline/contracts';
import { IndexEntry } from '@pipeline/redis-store';

function partsOf(index: string, entry: IndexEntry, count: number): string[] {
  const parts = entry.member.split(INDEX_MEMBER_SEPARATOR);
  // The processor writes these members; one it cannot have written means the index is corrupt.
  if (parts.length !== count || parts.some((part) => part === '')) {
    throw new Error(`idx:${index} member ${JSON.stringify(entry.member)} is not ${count} ids`);
  }
  return parts;
}

/** The customer of an `idx:orders` member, "<customerId> <orderId>". */
export function customerOfOrder(entry: IndexEntry): string {
  return partsOf('orders', entry, 2)[0] ?? '';
}

/** An `idx:nps` member, "<customerId> <eventId> <score>", with its score (answered at) as the time. */
export function npsAnswerOf(entry: IndexEntry): CustomerNpsAnswer {
  const [customerId = '', eventId = '', score = ''] = partsOf('nps', entry, 3);
  if (!/^(?:10|\d)$/.test(score)) throw new Error(`idx:nps member ${entry.member} has no 0-10 score`);
  return { customerId, eventId, score: Number(score), at: entry.score };
}
