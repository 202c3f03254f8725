import {
  EnvelopeOf,
  EventType,
  INBOUND_TOPICS,
  JourneyEvent,
  parseJourneyEvent,
  stageOfEventType,
} from '@pipeline/contracts';
import { envelope } from '@pipeline/testing/event-builders';
import { ApplyOptions, ApplyResult, Delivery, JourneyState, applyEvent } from '../src';

/** 2026-03-01T00:00:00Z: the start of every scripted journey. */
export const T0 = Date.UTC(2026, 2, 1);
export const MINUTE = 60_000;

/** Minutes after T0, epoch ms. */
export function minutes(n: number): number {
  return T0 + n * MINUTE;
}

type Overrides<T extends EventType> = Partial<Omit<EnvelopeOf<T>, 'type' | 'occurredAt'>>;

/**
 * A JourneyEvent built the way the pipeline builds it: a valid wire envelope, parsed and normalised
 * by the contract. `at` is epoch ms.
 */
export function journeyEvent<T extends EventType>(
  type: T,
  at: number,
  overrides: Overrides<T> = {},
): JourneyEvent {
  const wire = envelope(type, { ...overrides, occurredAt: new Date(at).toISOString() });
  const parsed = parseJourneyEvent(JSON.stringify(wire));
  if (!parsed.ok) throw new Error(`fixture ${type} is invalid: ${parsed.reason.message}`);
  return parsed.event;
}

/** The stage topic of an event, partition 0, at the given offset. */
export function deliveryOf(event: JourneyEvent, offset: number): Delivery {
  return { topic: INBOUND_TOPICS[stageOfEventType(event.type)], partition: 0, offset: String(offset) };
}

export interface Run {
  readonly state: JourneyState | undefined;
  readonly results: ApplyResult[];
}

/** Applies events in the order given, each at the next offset, as a consumer reading them would. */
export function applyInOrder(
  events: readonly JourneyEvent[],
  options?: ApplyOptions,
  start: { state?: JourneyState; offset?: number } = {},
): Run {
  let state = start.state;
  let offset = start.offset ?? 0;
  const results: ApplyResult[] = [];
  for (const event of events) {
    const result = applyEvent(state, event, deliveryOf(event, offset), options);
    offset += 1;
    results.push(result);
    state = result.state;
  }
  return { state, results };
}

/** The state after applying events in order; fails the test if there is none. */
export function stateAfter(events: readonly JourneyEvent[], options?: ApplyOptions): JourneyState {
  const { state } = applyInOrder(events, options);
  if (state === undefined) throw new Error('no events applied');
  return state;
}
