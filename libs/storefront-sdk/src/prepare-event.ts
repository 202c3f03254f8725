import {
  INBOUND_TOPICS,
  isEventType,
  parseJourneyEvent,
  stageOfEventType,
  type EventType,
  type IdentityTopic,
  type InboundTopic,
} from '@pipeline/contracts';
import { completeEnvelope } from './complete-envelope';
import type { EventIdGenerator } from './event-id';
import type { TrackInput } from './track-input';
import { TrackValidationError } from './track-validation.error';

/** A valid event, serialised exactly as it will travel: keyed by customer, bound for its stage topic. */
export interface PreparedEvent {
  readonly eventId: string;
  /** Logical topic (no prefix). */
  readonly topic: InboundTopic | IdentityTopic;
  readonly key: string;
  readonly value: string;
  readonly bytes: number;
}

/**
 * Completes the envelope, serialises it and validates those very bytes with the contract library, on
 * the topic of the event's stage, just as the journey processor will. Throws `TrackValidationError`
 * naming the bad field; a rejected event is never sent.
 */
export function prepareEvent(
  input: TrackInput<EventType>,
  now: Date,
  newEventId: EventIdGenerator,
): PreparedEvent {
  // Plain JavaScript callers get past the types; say what is wrong instead of failing on a property read.
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new TrackValidationError({ code: 'NOT_AN_OBJECT', message: 'the event must be an object' });
  }
  const envelope = completeEnvelope(input, now, newEventId);
  const value = serialise(envelope);
  const topic = isEventType(envelope.type) ? INBOUND_TOPICS[stageOfEventType(envelope.type)] : undefined;
  const parsed = parseJourneyEvent(value, { topic });
  if (!parsed.ok) throw new TrackValidationError(parsed.reason);
  return {
    eventId: parsed.event.eventId,
    topic: INBOUND_TOPICS[parsed.event.stage],
    key: parsed.event.customerId,
    value,
    bytes: Buffer.byteLength(value),
  };
}

function serialise(envelope: object): string {
  try {
    return JSON.stringify(envelope);
  } catch (error) {
    // BigInt values and cycles cannot be sent as JSON.
    throw new TrackValidationError({
      code: 'NOT_JSON',
      message: `the event cannot be serialised as JSON: ${(error as Error).message}`,
    });
  }
}
