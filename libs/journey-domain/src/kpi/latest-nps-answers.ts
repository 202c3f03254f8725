/** One NPS answer of one customer, time in epoch ms. */
export interface CustomerNpsAnswer {
  readonly customerId: string;
  readonly at: number;
  readonly score: number;
  readonly eventId: string;
}

function isLater(a: CustomerNpsAnswer, b: CustomerNpsAnswer): boolean {
  return a.at > b.at || (a.at === b.at && a.eventId > b.eventId);
}

/**
 * The latest answer of each customer among those given within `[from, to)` (epoch ms), ordered by
 * customer id. "Latest" is the largest `(at, eventId)`, the same rule the journey state uses for its
 * own `nps` register, so the result does not depend on the order answers are listed in. Answers
 * outside the window are ignored even when later, so a window reports what customers said in it.
 */
export function latestAnswersInWindow<A extends CustomerNpsAnswer>(
  answers: readonly A[],
  from: number,
  to: number,
): A[] {
  const latest = new Map<string, A>();
  for (const answer of answers) {
    if (answer.at < from || answer.at >= to) continue;
    const kept = latest.get(answer.customerId);
    if (kept === undefined || isLater(answer, kept)) latest.set(answer.customerId, answer);
  }
  return [...latest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, answer]) => answer);
}
