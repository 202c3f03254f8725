import { JourneyStateRepository, StoredJourney } from '@pipeline/redis-store';
import { Injectable } from '@nestjs/common';

/**
 * Links followed from one id before giving up. An identify links an anonymous id to a customer that is
 * not linked itself, so one hop is the rule; a few more cover identifies racing each other.
 */
export const MAX_LINK_HOPS = 4;

/**
 * Where events sent under an id go. `journey`: to `customerId` (the id itself unless it is linked).
 * `erased`: nowhere, the id or the customer it is linked to was erased. `unresolved`: the links form
 * a cycle or a chain longer than {@link MAX_LINK_HOPS}, listed in `path`.
 */
export type Route =
  | { readonly kind: 'journey'; readonly customerId: string }
  | { readonly kind: 'erased' }
  | { readonly kind: 'unresolved'; readonly path: readonly string[] };

export interface RoutedJourneys {
  /** The route of every id asked for. */
  readonly routes: ReadonlyMap<string, Route>;
  /** Every hash read on the way: the ids asked for and the customers they are linked to. */
  readonly journeys: ReadonlyMap<string, StoredJourney>;
}

const EMPTY: StoredJourney = { version: 0, data: null, emitted: null, outbox: [] };

/**
 * Reads the journeys of a batch's ids and follows their links: one pipelined read per hop, and no
 * extra read at all when no id is linked, because the link lives in the hash the batch reads anyway.
 */
@Injectable()
export class LinkedJourneyLoader {
  constructor(private readonly repository: JourneyStateRepository) {}

  async load(ids: readonly string[]): Promise<RoutedJourneys> {
    const journeys = new Map<string, StoredJourney>();
    let frontier = [...new Set(ids)];
    for (let hop = 0; hop <= MAX_LINK_HOPS && frontier.length > 0; hop += 1) {
      const loaded = await this.repository.loadMany(frontier);
      const next: string[] = [];
      for (const id of frontier) {
        const stored = loaded.get(id) ?? EMPTY;
        journeys.set(id, stored);
        if (
          stored.erasedAt === undefined &&
          stored.linkedTo !== undefined &&
          !journeys.has(stored.linkedTo)
        ) {
          next.push(stored.linkedTo);
        }
      }
      frontier = [...new Set(next)];
    }
    return { routes: new Map(ids.map((id) => [id, routeOf(id, journeys)])), journeys };
  }
}

function routeOf(id: string, journeys: ReadonlyMap<string, StoredJourney>): Route {
  const path: string[] = [];
  let current = id;
  for (;;) {
    const stored = journeys.get(current);
    if (stored === undefined || path.includes(current))
      return { kind: 'unresolved', path: [...path, current] };
    path.push(current);
    if (stored.erasedAt !== undefined) return { kind: 'erased' };
    if (stored.linkedTo === undefined) return { kind: 'journey', customerId: current };
    current = stored.linkedTo;
  }
}
