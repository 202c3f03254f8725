import { SCHEMA_VERSION, type EventType } from '@pipeline/contracts';
import type { EventIdGenerator } from './event-id';
import type { TrackInput } from './track-input';

/** A tracked event with every defaulted field filled in, ready to serialise. */
export type CompletedEnvelope = Omit<TrackInput<EventType>, 'eventId' | 'occurredAt' | 'schemaVersion'> & {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly schemaVersion: typeof SCHEMA_VERSION;
};

/**
 * Fills in what a caller may leave out: a generated eventId, `occurredAt` = now (ISO-8601 in UTC, `Z`
 * being its offset), a Date turned into the same form, and schema version 1. Everything else is kept
 * as given; validation is the contract's job, afterwards.
 */
export function completeEnvelope(
  input: TrackInput<EventType>,
  now: Date,
  newEventId: EventIdGenerator,
): CompletedEnvelope {
  const { eventId, occurredAt, schemaVersion, ...rest } = input;
  return {
    eventId: eventId ?? newEventId(),
    ...rest,
    occurredAt: occurredAt === undefined ? now.toISOString() : isoOf(occurredAt),
    schemaVersion: schemaVersion ?? SCHEMA_VERSION,
  };
}

/** The ISO text of a time given as text or Date (an invalid Date as its text, for the contract to name). */
export function isoOf(value: string | Date): string {
  if (!(value instanceof Date)) return value;
  // An invalid Date is passed on as its text so the contract names occurredAt instead of throwing here.
  return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
}
