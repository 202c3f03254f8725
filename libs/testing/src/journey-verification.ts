import { JourneyEvent, StageChangedEventV1, parseJourneyEvent } from '@pipeline/contracts';
import {
  JourneyFacts,
  assessStages,
  factsOf,
  decodeJourneyState,
  reduceEvents,
  storedJourneyIndexEntries,
} from '@pipeline/journey-domain';
import {
  CUSTOMER_MEMBER_INDEXES,
  DATA_FIELD,
  EMITTED_FIELD,
  IndexChange,
  IndexName,
  indexKey,
  journeyKey,
} from '@pipeline/redis-store';
import type { Cluster, Redis } from 'ioredis';

/** What a storefront published: the topic (logical name) and the exact bytes of the value. */
export interface PublishedEvent {
  readonly topic: string;
  readonly value: string;
}

/**
 * The journeys an independent in-memory reference computes from the events the contract accepts:
 * what Redis must hold once the pipeline has caught up, however often it crashed on the way.
 */
export function referenceJourneys(published: Iterable<PublishedEvent>): Map<string, JourneyFacts> {
  const accepted: JourneyEvent[] = [];
  for (const p of published) {
    const parsed = parseJourneyEvent(p.value, { topic: p.topic });
    if (parsed.ok) accepted.push(parsed.event);
  }
  return reduceEvents(accepted);
}

/** Customers whose stored journey differs from the reference (or is missing), in batches of 500. */
export async function journeyMismatches(
  redis: Redis | Cluster,
  redisPrefix: string,
  reference: ReadonlyMap<string, JourneyFacts>,
): Promise<string[]> {
  const customers = [...reference.keys()];
  const mismatches: string[] = [];
  for (let i = 0; i < customers.length; i += 500) {
    const slice = customers.slice(i, i + 500);
    const stored = await Promise.all(slice.map((id) => redis.hget(`${redisPrefix}j:{${id}}`, 'd')));
    slice.forEach((id, n) => {
      const raw = stored[n];
      const parsed = raw === null ? undefined : decodeJourneyState(raw);
      const facts = parsed?.ok ? JSON.stringify(factsOf(parsed.state)) : 'missing';
      if (facts !== JSON.stringify(reference.get(id))) mismatches.push(id);
    });
  }
  return mismatches;
}

/**
 * Customers whose stage changes (deduplicated by event id, as downstream does) do not form one
 * gap-free chain from nothing to the stage the reference puts them in now.
 */
export function brokenStageChains(
  stageChanges: Iterable<StageChangedEventV1>,
  reference: ReadonlyMap<string, JourneyFacts>,
): string[] {
  const seen = new Set<string>();
  const chains = new Map<string, StageChangedEventV1[]>();
  for (const change of stageChanges) {
    if (seen.has(change.eventId)) continue;
    seen.add(change.eventId);
    const chain = chains.get(change.customerId) ?? [];
    chain.push(change);
    chains.set(change.customerId, chain);
  }
  const broken: string[] = [];
  for (const [customerId, facts] of reference) {
    const chain = chains.get(customerId) ?? [];
    const current = assessStages(facts).current;
    const linked = chain.every((c, i) => c.from === (i === 0 ? null : chain[i - 1].to));
    if (!linked || chain.at(-1)?.to !== current)
      broken.push(`${customerId}: ${chain.map((c) => `${c.from}->${c.to}`).join(' ')} (now ${current})`);
  }
  for (const customerId of chains.keys())
    if (!reference.has(customerId)) broken.push(`${customerId}: stage changes for an unknown customer`);
  return broken;
}

/** Every index whose entries follow from the stored journeys alone (`nps` follows the events). */
const JOURNEY_INDEXES: readonly IndexName[] = [...CUSTOMER_MEMBER_INDEXES, 'orders'];

/**
 * Differences between the population indexes and what rewriting every entry of every stored journey
 * would give (`indexEntriesFor` over the journey and its emitted outputs): an entry missing, left
 * over, or with another score, as "<index> <member>: expected <score>, found <score>". The prefix must
 * hold only the given customers' journeys.
 */
export async function indexMismatches(
  redis: Redis | Cluster,
  redisPrefix: string,
  customers: Iterable<string>,
): Promise<string[]> {
  const expected = new Map<string, Map<string, number>>();
  const ids = [...customers];
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const stored = await Promise.all(
      slice.map((id) => redis.hmget(journeyKey(redisPrefix, id), DATA_FIELD, EMITTED_FIELD)),
    );
    slice.forEach((id, n) => {
      const [data, emitted] = stored[n] ?? [];
      if (data == null) return;
      applyChanges(expected, storedJourneyIndexEntries(id, data, emitted ?? null));
    });
  }
  const mismatches: string[] = [];
  for (const index of JOURNEY_INDEXES) {
    const flat = await redis.zrange(indexKey(redisPrefix, index), 0, -1, 'WITHSCORES');
    const found = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) found.set(flat[i] ?? '', Number(flat[i + 1]));
    const wanted = expected.get(index) ?? new Map<string, number>();
    for (const member of new Set([...wanted.keys(), ...found.keys()])) {
      const [want, got] = [wanted.get(member), found.get(member)];
      if (want !== got)
        mismatches.push(`${index} ${member}: expected ${want ?? 'none'}, found ${got ?? 'none'}`);
    }
  }
  return mismatches;
}

function applyChanges(indexes: Map<string, Map<string, number>>, changes: readonly IndexChange[]): void {
  for (const change of changes) {
    const members = indexes.get(change.index) ?? new Map<string, number>();
    indexes.set(change.index, members);
    if (change.op === 'set') members.set(change.member, change.score);
    else members.delete(change.member);
  }
}
