const KIND_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;

/**
 * Every kind of derived event, the first part of its id. docs/asyncapi.yaml documents each id format;
 * libs/contracts/src/asyncapi-rules.spec.ts checks the document against this list.
 */
export const DERIVED_EVENT_KINDS = {
  stageChanged: 'stage-changed',
  clv: 'clv',
  churnRisk: 'churn-risk',
  customerErased: 'customer-erased',
  profile: 'profile',
} as const;

export type DerivedEventKind = (typeof DERIVED_EVENT_KINDS)[keyof typeof DERIVED_EVENT_KINDS];

/**
 * The id of an event the pipeline derives from another, stable across retries and replays so
 * consumers can dedupe: `${kind}:${customerId.length}:${customerId}:${causingEventId}`, e.g.
 * `stage-changed:6:cust-1:evt-9`. Ids may contain `:`, so the customer id carries its length: without
 * it `a:b` + `c` and `a` + `b:c` would give the same id. Distinct inputs always give distinct ids,
 * which a hash could only promise up to its odds of collision.
 */
export function derivedEventId(kind: DerivedEventKind, customerId: string, causingEventId: string): string {
  if (!KIND_PATTERN.test(kind)) throw new RangeError(`derived event kind must match ${KIND_PATTERN.source}`);
  return `${kind}:${customerId.length}:${customerId}:${causingEventId}`;
}
