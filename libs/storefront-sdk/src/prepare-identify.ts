import { IDENTITY_TOPIC, SCHEMA_VERSION, parseIdentifyEvent, type Channel } from '@pipeline/contracts';
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
}

/**
 * Builds an `identify` for `journey.identity.v1`, keyed by the customer, and validates the exact bytes
 * with the contract library, as `prepareEvent` does for stage events.
 */
export function prepareIdentify(
  input: IdentifyInput,
  now: Date,
  newEventId: EventIdGenerator,
): PreparedEvent {
  const occurredAt =
    input.occurredAt === undefined
      ? now.toISOString()
      : input.occurredAt instanceof Date
        ? input.occurredAt.toISOString()
        : input.occurredAt;
  const envelope = {
    eventId: input.eventId ?? newEventId(),
    customerId: input.customerId,
    type: 'identify',
    occurredAt,
    ...(input.channel !== undefined && { channel: input.channel }),
    properties: { anonymousId: input.anonymousId },
    schemaVersion: SCHEMA_VERSION,
  };
  const value = JSON.stringify(envelope);
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
