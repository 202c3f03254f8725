/**
 * `customer.erased.v1`: the pipeline erased everything it kept about a customer (journey, outbox,
 * index entries, links of the anonymous ids merged into it) and will drop the customer's late events.
 * Downstream consumers erase what they derived from the pipeline's events about the customer.
 */
export interface CustomerErasedEventV1 {
  /** Deterministic: `customer-erased:<len>:<customerId>:<erasedAt ms>`, the same on every retry. */
  readonly eventId: string;
  readonly customerId: string;
  /** When the erasure was first recorded (ISO-8601, UTC); a repeated erasure keeps the first time. */
  readonly erasedAt: string;
  readonly schemaVersion: 1;
}
