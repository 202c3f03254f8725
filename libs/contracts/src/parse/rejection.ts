/** Why a message was rejected: machine-readable, stable across releases (extend, never rename). */
export const REJECTION_CODES = [
  /** Empty value, invalid UTF-8 or not JSON. */
  'NOT_JSON',
  /** JSON, but not an object. */
  'NOT_AN_OBJECT',
  /**
   * Over the size, depth or key limits, carries a forbidden key such as __proto__, or has a key twice
   * in one object (parsers disagree on which value counts).
   */
  'UNSAFE_STRUCTURE',
  /** An envelope or properties field is missing or invalid; `field` names it. */
  'INVALID_FIELD',
  /** `type` is not an event type of the contract. */
  'UNKNOWN_EVENT_TYPE',
  /** The event type belongs to another topic (another stage's, or the identity topic). */
  'WRONG_TOPIC',
  /** The Kafka message key is not the envelope's customerId. */
  'KEY_MISMATCH',
  /** occurredAt is further in the future than the processor tolerates. */
  'OCCURRED_IN_FUTURE',
  /**
   * An identify the processor refuses: the anonymous journey has an order (it is a customer, not an
   * anonymous visitor) or the anonymous id is already linked to a different customer.
   */
  'MERGE_REFUSED',
  /**
   * A valid message whose processing fails whenever it is tried (a bound of the journey it would
   * break, a bug it triggers, a derived record the broker refuses): set aside so the partition moves
   * on. `field` names the step that failed and the message carries the error's class and text.
   */
  'PROCESSING_FAILED',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  readonly code: RejectionCode;
  /** Dotted path of the offending field (`properties.amount`), when one field is to blame. */
  readonly field?: string;
  readonly message: string;
}
