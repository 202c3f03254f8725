import { JourneyEvent } from '@pipeline/contracts';
import { JourneyFacts } from './journey-state';
import { recordEventFacts } from './record-event-facts';

/**
 * Reference fold for tests: each customer's distinct eventIds applied exactly once (the first copy
 * wins), in the order given, with no offsets and no bounded window. Compare its states with
 * `factsOf` of the states the pipeline stored, or compare their `summarize` views.
 */
export function reduceEvents(events: Iterable<JourneyEvent>): Map<string, JourneyFacts> {
  const appliedIds = new Map<string, Set<string>>();
  const states = new Map<string, JourneyFacts>();
  for (const event of events) {
    const ids = appliedIds.get(event.customerId) ?? new Set<string>();
    appliedIds.set(event.customerId, ids);
    if (ids.has(event.eventId)) continue;
    ids.add(event.eventId);
    states.set(event.customerId, recordEventFacts(states.get(event.customerId), event));
  }
  return states;
}
