import type { EnvelopeOf, EventType, RejectionCode } from '@pipeline/contracts';

/**
 * One event to track: the v1 wire envelope of type `T`, whose `properties` must match that type at
 * compile time. `eventId` (a UUID v4 is generated), `occurredAt` (now) and `schemaVersion` (1) may be
 * left out. `receivedAt` is for an HTTP collector that relays events; storefronts leave it out.
 */
export type TrackInput<T extends EventType> = Omit<
  EnvelopeOf<T>,
  'eventId' | 'occurredAt' | 'schemaVersion'
> & {
  /** Idempotency key; send the same id again when you retry the same event. */
  readonly eventId?: string;
  /** When the customer did it: an ISO-8601 string with an offset, or a Date. Defaults to now. */
  readonly occurredAt?: string | Date;
  readonly schemaVersion?: 1;
};

/** Any event `trackBatch` accepts: a union discriminated by `type`. */
export type AnyTrackInput = { [T in EventType]: TrackInput<T> }[EventType];

/** An event the broker acknowledged (acks from all in-sync replicas). */
export interface TrackResult {
  readonly eventId: string;
  /** The Kafka topic it was written to, prefix included. */
  readonly topic: string;
}

/** Why `trackBatch` did not deliver one event. */
export interface TrackRejection {
  /** A contract rejection code, or what stopped delivery: `BUFFER_FULL`, `SEND_FAILED`, `CLOSED`. */
  readonly code: RejectionCode | 'BUFFER_FULL' | 'SEND_FAILED' | 'CLOSED';
  /** Dotted path of the offending field, when one field is to blame. */
  readonly field?: string;
  readonly message: string;
}

/** The outcome of one event of a `trackBatch` call, at its index in the input. */
export type TrackBatchResult =
  | { readonly index: number; readonly status: 'accepted'; readonly eventId: string; readonly topic: string }
  | { readonly index: number; readonly status: 'rejected'; readonly reason: TrackRejection };

/** A consent answer for `JourneyTracker.consent`: a `consent_updated` event without its type. */
export type ConsentInput = Omit<TrackInput<'consent_updated'>, 'type'>;
