import { JourneyEvent } from '@pipeline/contracts';
import { Delivery, JourneyState, isAlreadyApplied, readJourneyState } from '@pipeline/journey-domain';
import { StoredJourney } from '@pipeline/redis-store';
import { TransientFailure } from '@pipeline/unit-of-work';
import { RoutedJourneys } from './linked-journey.loader';

/** A valid event of the unit, where it was read from, and its place in the unit. */
export interface AdmittedEvent<S> {
  readonly event: JourneyEvent;
  readonly delivery: Delivery;
  /**
   * Position in the unit (batch by batch, offset order within each): a customer's events, whichever
   * ids and partitions they came from, are folded in this order.
   */
  readonly position: number;
  /** The record it came from, for a dead letter if it has to be set aside. */
  readonly source: S;
}

export interface RoutedEvents<S> {
  /** Customer id -> the events its journey takes, in position order. */
  readonly targets: Map<string, AdmittedEvent<S>[]>;
  /** Events of erased customers: dropped on purpose. */
  readonly dropped: number;
  /** Redeliveries that reached a link whose merge is still under way, already in the linked journey. */
  readonly duplicates: number;
}

/**
 * Decides where the events sent under each id go: to the id itself, to the customer it is linked to
 * (customerId rewritten, offsets tracked under the id they were sent under), or nowhere when the
 * customer was erased.
 */
export function routeStageEvents<S>(
  pending: ReadonlyMap<string, readonly AdmittedEvent<S>[]>,
  { routes, journeys }: RoutedJourneys,
): RoutedEvents<S> {
  const targets = new Map<string, AdmittedEvent<S>[]>();
  let dropped = 0;
  let duplicates = 0;
  for (const [id, items] of pending) {
    const route = routes.get(id);
    if (route === undefined || route.kind === 'unresolved') {
      // Links in a cycle only exist while two identifies race; running the unit again lets them settle.
      throw new TransientFailure(
        `cannot route events of ${id}: links ${route?.path.join(' -> ') ?? 'missing'}`,
      );
    }
    if (route.kind === 'erased') {
      dropped += items.length;
      continue;
    }
    const target = route.customerId;
    let moving: readonly AdmittedEvent<S>[] = items;
    if (target !== id) {
      const linked = linkedJourneyState(id, journeys.get(id));
      moving = items
        .filter((item) => {
          const known =
            item.delivery.via === undefined && isAlreadyApplied(linked, item.event.eventId, item.delivery);
          if (known) duplicates += 1;
          return !known;
        })
        .map((item) => ({
          ...item,
          event: { ...item.event, customerId: target },
          delivery: { ...item.delivery, via: item.delivery.via ?? item.event.customerId },
        }));
    }
    // Each id's events come in position order; only ids merging into one target need a sort.
    const existing = targets.get(target);
    targets.set(
      target,
      existing === undefined ? [...moving] : [...existing, ...moving].sort((a, b) => a.position - b.position),
    );
  }
  return { targets, dropped, duplicates };
}

/** The journey still kept beside a link until its merge completes, if any. */
function linkedJourneyState(id: string, stored: StoredJourney | undefined): JourneyState | undefined {
  return stored?.data == null ? undefined : readJourneyState(id, stored.data);
}
