import {
  IDENTITY_TOPIC,
  IdentifyEnvelope,
  SCHEMA_VERSION,
  parseIdentifyEvent,
  topicMessage,
  type Channel,
} from '@pipeline/contracts';
import { isoOf } from './complete-envelope';
import type { EventIdGenerator } from './event-id';
import type { PreparedEvent } from './prepare-event';
import { TrackValidationError } from './track-validation.error';

/** Links an anonymous visitor to the customer it turned out to be. */
export interface IdentifyInput {
  /** The known customer. */
  readonly customerId: string;
  /** The id the visitor's events were sent under until now (as their customerId). */
  readonly anonymousId: string;
  readonly eventId?: string;
  readonly occurredAt?: string | Date;
  readonly channel?: Channel;
  /** When the client sent it, by its own clock; an HTTP collector corrects `occurredAt` with it. */
  readonly sentAt?: string | Date;
  /** For an HTTP collector that relays identifies: when it received this one. Storefronts leave it out. */
  readonly receivedAt?: string | Date;
}

/** An identify among the events of `trackBatch`: the input of `identify`, tagged with its type. */
export type IdentifyBatchInput = IdentifyInput & { readonly type: 'identify' };

/**
 * Builds an `identify` for `journey.identity.v1`, keyed by the customer, and validates the exact bytes
 * with the contract library, as `prepareEvent` does for stage events.
 */
export function prepareIdentify(
  input: IdentifyInput,
  now: Date,
  newEventId: EventIdGenerator,
): PreparedEvent {
  const envelope: IdentifyEnvelope = {
    eventId: input.eventId ?? newEventId(),
    customerId: input.customerId,
    type: 'identify',
    occurredAt: isoOf(input.occurredAt ?? now),
    ...(input.sentAt !== undefined && { sentAt: isoOf(input.sentAt) }),
    ...(input.receivedAt !== undefined && { receivedAt: isoOf(input.receivedAt) }),
    ...(input.channel !== undefined && { channel: input.channel }),
    properties: { anonymousId: input.anonymousId },
    schemaVersion: SCHEMA_VERSION,
  };
  const { value } = topicMessage(IDENTITY_TOPIC, input.customerId, envelope);
  const parsed = parseIdentifyEvent(value);
  if (!parsed.ok) throw new TrackValidationError(parsed.reason);
  return {
    eventId: parsed.event.eventId,
    topic: IDENTITY_TOPIC,
    key: parsed.event.customerId,
    value,
    bytes: Buffer.byteLength(value),
  };
}
