import { INBOUND_TOPICS, JourneyEvent, parseJourneyEvent, stageOfEventType } from '@pipeline/contracts';
// The repository wired with the domain's real decision, as the apps wire it.
import {
  JourneyState,
  applyEvent,
  indexEntriesFor,
  parseEmittedOutputs,
  storedJourneyIndexEntries,
} from '@pipeline/journey-domain';
import { JourneyIndexRepository, JourneyIndexUpdate, JourneyStateRepository } from '@pipeline/redis-store';
import { envelope, indexMismatches, testInfra, testNamespace } from '@pipeline/testing';
import { Redis } from 'ioredis';
import { deleteKeysWithPrefix } from './support/delete-keys-with-prefix';

const T0 = Date.UTC(2026, 2, 1);

function event(type: Parameters<typeof envelope>[0], customerId: string, minute: number): JourneyEvent {
  const wire = envelope(type, { customerId, occurredAt: new Date(T0 + minute * 60_000).toISOString() });
  const parsed = parseJourneyEvent(JSON.stringify(wire));
  if (!parsed.ok) throw new Error(parsed.reason.message);
  return parsed.event;
}

/** The state after the events, each at the next offset of its stage topic's partition 0. */
function stateAfter(events: readonly JourneyEvent[]): JourneyState {
  let state: JourneyState | undefined;
  events.forEach((e, offset) => {
    const topic = INBOUND_TOPICS[stageOfEventType(e.type)];
    state = applyEvent(state, e, { topic, partition: 0, offset: String(offset) }).state;
  });
  if (state === undefined) throw new Error('no events');
  return state;
}

function updateFor(customerId: string, version: number, state: JourneyState): JourneyIndexUpdate {
  return { customerId, version, changes: indexEntriesFor(customerId, state, parseEmittedOutputs(null), []) };
}

describe('population index writes against concurrent journey commits', () => {
  const infra = testInfra();
  const ns = testNamespace('index-versions');
  const client = new Redis(infra.redisUrl);
  const journeys = new JourneyStateRepository(client, ns.redisPrefix);
  const indexes = new JourneyIndexRepository(client, ns.redisPrefix, storedJourneyIndexEntries);
  const zscore = (index: string, member: string) => client.zscore(`${ns.redisPrefix}idx:${index}`, member);

  afterAll(async () => {
    await deleteKeysWithPrefix(client, ns.redisPrefix);
    await client.quit();
  });

  /** Commits the states one after the other as versions 1, 2, ... of the customer's journey. */
  async function commitVersions(customerId: string, states: readonly JourneyState[]): Promise<void> {
    for (const [i, state] of states.entries()) {
      const [outcome] = await journeys.commitMany([
        { customerId, expectedVersion: i, data: JSON.stringify(state), outbox: [] },
      ]);
      expect(outcome).toMatchObject({ status: 'committed', version: i + 1 });
    }
  }

  it('rewrites entries an older version set after the newer version had written its own', async () => {
    const id = 'overtaken';
    const placed = [event('ad_impression', id, 0), event('order_placed', id, 5)];
    const older = stateAfter(placed);
    const newer = stateAfter([...placed, event('order_cancelled', id, 9), event('product_viewed', id, 7)]);
    await commitVersions(id, [older, newer]);

    // The writer of version 2 lands first; the writer of version 1, slower, lands after it.
    await indexes.apply([updateFor(id, 2, newer)]);
    expect(await zscore('orders', `${id} order-1`)).toBeNull();
    await indexes.apply([updateFor(id, 1, older)]);

    expect(await zscore('orders', `${id} order-1`)).toBeNull();
    expect(await zscore('stage:consideration', id)).toBe(String(T0 + 7 * 60_000));
    expect(await indexMismatches(client, ns.redisPrefix, [id])).toEqual([]);
  });

  it('leaves entries of the version it was given when no newer commit happened', async () => {
    const id = 'current';
    const state = stateAfter([event('ad_impression', id, 0), event('order_placed', id, 3)]);
    await commitVersions(id, [state]);
    // Planted: an entry only a rebuild from the stored journey would remove.
    const planted: JourneyIndexUpdate = {
      ...updateFor(id, 1, state),
      changes: [...updateFor(id, 1, state).changes, { index: 'clv', op: 'set', member: id, score: 5 }],
    };
    await indexes.apply([planted]);
    expect(await zscore('orders', `${id} order-1`)).toBe(String(T0 + 3 * 60_000));
    expect(await zscore('clv', id)).toBe('5');
  });

  it('takes removals given for a customer with no journey as they are', async () => {
    await client.zadd(`${ns.redisPrefix}idx:churn-due`, 1, 'nobody');
    await indexes.apply([
      { customerId: 'nobody', version: 0, changes: [{ index: 'churn-due', op: 'remove', member: 'nobody' }] },
    ]);
    expect(await zscore('churn-due', 'nobody')).toBeNull();
  });

  it('refuses two updates of one customer in one call', async () => {
    const state = stateAfter([event('ad_impression', 'twice', 0)]);
    await expect(indexes.apply([updateFor('twice', 1, state), updateFor('twice', 2, state)])).rejects.toThrow(
      RangeError,
    );
  });
});
