/** A derived event waiting in a customer's outbox until it is durably in Kafka. */
export interface OutboxEntry {
  /** Derived event id; unique per customer, so re-committing the same entry overwrites it. */
  readonly id: string;
  readonly topic: string;
  /** Kafka message key; null for an unkeyed message. */
  readonly key: string | null;
  /** Null: a tombstone for a compacted topic. */
  readonly value: string | null;
}

/** One customer's stored journey as read from Redis. */
export interface StoredJourney {
  /** Compare-and-set version; 0 when nothing was ever stored for the customer. */
  readonly version: number;
  /** The opaque state JSON, or null when nothing was stored. */
  readonly data: string | null;
  /** Opaque bookkeeping of the derived outputs last emitted (CLV, churn band), or null. */
  readonly emitted: string | null;
  /** Pending derived events, oldest commit first and in commit order within one commit. */
  readonly outbox: readonly OutboxEntry[];
  /** Set when this id is linked to a customer (an anonymous id after `identify`): events go there. */
  readonly linkedTo?: string;
  /** Set when the customer was erased (epoch ms): only the tombstone remains; nothing is written. */
  readonly erasedAt?: number;
}

/** A new state for one customer, written only if the stored version is still `expectedVersion`. */
export interface JourneyWrite {
  readonly customerId: string;
  readonly expectedVersion: number;
  readonly data: string;
  /** New emitted-outputs bookkeeping, written in the same atomic step; left as it was when absent. */
  readonly emitted?: string;
  /** Derived events to add to the outbox in the same atomic step as the state. */
  readonly outbox: readonly OutboxEntry[];
}

/**
 * Result of one write. `committed`: `version` is the new version. `conflict`: nothing was written and
 * `version` is the version found in Redis (reload and recompute from it). `erased`: nothing was
 * written, the customer was erased (drop its events). `linked`: nothing was written, the id is now
 * linked to another customer (reload: its events go there).
 */
export interface CommitOutcome {
  readonly customerId: string;
  readonly status: 'committed' | 'conflict' | 'erased' | 'linked';
  readonly version: number;
}

/** Outbox entries of one customer that are durably in Kafka and may be forgotten. */
export interface OutboxAck {
  readonly customerId: string;
  readonly ids: readonly string[];
}
