import { JourneyEvent, StageChangedEventV1, parseJourneyEvent } from '@pipeline/contracts';
import {
  JourneyFacts,
  assessStages,
  factsOf,
  parseJourneyState,
  reduceEvents,
} from '@pipeline/journey-domain';
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
      const parsed = raw === null ? undefined : parseJourneyState(JSON.parse(raw));
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
