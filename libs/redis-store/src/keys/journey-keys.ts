/**
 * Key layout of the journey store. Every key that belongs to one customer carries the customer id as a
 * Redis Cluster hash tag (`{<customerId>}`), so one Lua script may touch all of them: Redis Cluster
 * rejects a script whose keys hash to different slots (CROSSSLOT).
 *
 * Reserved per-customer names (all share the `{<customerId>}` tag, so any of them may join a script):
 *   `<prefix>j:{<customerId>}`            the journey hash (fields below)
 *   `<prefix>j:{<customerId>}:<purpose>`  future per-customer keys, e.g. `:seen` for a set of processed
 *                                         event ids; build them with {@link journeySideKey}
 *
 * Fields of the journey hash:
 *   `v`              version, a decimal integer; absent means 0 (the customer was never stored)
 *   `d`              the journey state, an opaque JSON string owned by the domain library
 *   `e`              what the pipeline last emitted for the customer (CLV, churn band), opaque JSON
 *   `o:<eventId>`    a pending derived event (outbox entry) waiting to be published to Kafka
 *   `a`              the customer this id is linked to (an anonymous id after `identify`): events for
 *                    this id belong to that customer, and the journey script refuses to write here.
 *                    Until the merge is complete the fields above stay beside it; then only `a` remains
 *   `x`              erased at (epoch ms): the customer was erased, and this tombstone is all that
 *                    remains of it; the journey script refuses to write here, so late events are dropped
 *
 * Code outside this file never builds a key or field name by hand.
 */

/** Hash field holding the version counter of the compare-and-set. */
export const VERSION_FIELD = 'v';

/** Hash field holding the opaque state JSON. */
export const DATA_FIELD = 'd';

/** Hash field holding the opaque bookkeeping of derived outputs last emitted for the customer. */
export const EMITTED_FIELD = 'e';

/** Hash field of a linked id: the customer its events belong to. */
export const LINK_FIELD = 'a';

/** Hash field of an erased customer's tombstone: when it was erased, epoch ms. */
export const ERASED_FIELD = 'x';

/** Prefix of the hash fields holding outbox entries. */
export const OUTBOX_FIELD_PREFIX = 'o:';

/** Suffixes reserved for future per-customer keys next to the journey hash. */
export const RESERVED_SIDE_KEY_PURPOSES = ['seen'] as const;
export type JourneySideKeyPurpose = (typeof RESERVED_SIDE_KEY_PURPOSES)[number];

/**
 * The journey hash of one customer.
 * @throws RangeError when the id is empty or contains a brace: a brace would move the hash tag and
 *   scatter one customer's keys over several cluster slots.
 */
export function journeyKey(prefix: string, customerId: string): string {
  assertTaggable(customerId);
  return `${prefix}j:{${customerId}}`;
}

/** A per-customer key that shares the journey hash's slot, for scripts that need more than the hash. */
export function journeySideKey(prefix: string, customerId: string, purpose: JourneySideKeyPurpose): string {
  return `${journeyKey(prefix, customerId)}:${purpose}`;
}

/** The hash field of one outbox entry. */
export function outboxField(eventId: string): string {
  if (eventId.length === 0) throw new RangeError('an outbox entry id must not be empty');
  return `${OUTBOX_FIELD_PREFIX}${eventId}`;
}

/** The outbox entry id of a hash field, or undefined when the field is not an outbox field. */
export function outboxIdOf(field: string): string | undefined {
  return field.startsWith(OUTBOX_FIELD_PREFIX) ? field.slice(OUTBOX_FIELD_PREFIX.length) : undefined;
}

function assertTaggable(customerId: string): void {
  if (customerId.length === 0) throw new RangeError('a customer id must not be empty');
  if (customerId.includes('{') || customerId.includes('}')) {
    throw new RangeError(`customer id ${JSON.stringify(customerId)} contains a brace`);
  }
}
