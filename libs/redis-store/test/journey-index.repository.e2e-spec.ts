import {
  IndexChange,
  JourneyIndexRepository,
  JourneyIndexUpdate,
  JourneyStateRepository,
  StoredJourneyIndexer,
} from '@pipeline/redis-store';
import { testInfra, testNamespace } from '@pipeline/testing';
import { Redis } from 'ioredis';
import { deleteKeysWithPrefix } from './support/delete-keys-with-prefix';

/**
 * The repository stores what it is given and knows no business rule, so these journeys are stand-ins:
 * each stored version is the list of index changes it calls for, and the indexer reads it back. Which
 * entries a real journey calls for is the domain's decision, specified in journey-domain.
 */
const entriesAsStored: StoredJourneyIndexer = (_customerId, data) => JSON.parse(data) as IndexChange[];

const T0 = Date.UTC(2026, 2, 1);
const at = (minute: number): number => T0 + minute * 60_000;

describe('population index writes against concurrent journey commits', () => {
  const infra = testInfra();
  const ns = testNamespace('index-versions');
  const client = new Redis(infra.redisUrl);
  const journeys = new JourneyStateRepository(client, ns.redisPrefix);
  const indexes = new JourneyIndexRepository(client, ns.redisPrefix, entriesAsStored);
  const zscore = (index: string, member: string) => client.zscore(`${ns.redisPrefix}idx:${index}`, member);

  afterAll(async () => {
    await deleteKeysWithPrefix(client, ns.redisPrefix);
    await client.quit();
  });

  /** Commits the versions one after the other as versions 1, 2, ... of the customer's journey. */
  async function commitVersions(customerId: string, versions: ReadonlyArray<readonly IndexChange[]>) {
    for (const [i, entries] of versions.entries()) {
      const [outcome] = await journeys.commitMany([
        { customerId, expectedVersion: i, data: JSON.stringify(entries), outbox: [] },
      ]);
      expect(outcome).toMatchObject({ status: 'committed', version: i + 1 });
    }
  }

  it('rewrites entries an older version set after the newer version had written its own', async () => {
    const id = 'overtaken';
    const order = `${id} order-1`;
    const older: IndexChange[] = [
      { index: 'customers', op: 'set', member: id, score: at(0) },
      { index: 'orders', op: 'set', member: order, score: at(5) },
    ];
    const newer: IndexChange[] = [
      { index: 'customers', op: 'set', member: id, score: at(0) },
      { index: 'orders', op: 'remove', member: order },
      { index: 'stage:consideration', op: 'set', member: id, score: at(7) },
    ];
    await commitVersions(id, [older, newer]);

    // The writer of version 2 lands first; the writer of version 1, slower, lands after it.
    await indexes.apply([{ customerId: id, version: 2, changes: newer }]);
    expect(await zscore('orders', order)).toBeNull();
    await indexes.apply([{ customerId: id, version: 1, changes: older }]);

    expect(await zscore('orders', order)).toBeNull();
    expect(await zscore('stage:consideration', id)).toBe(String(at(7)));
    expect(await zscore('customers', id)).toBe(String(at(0)));
  });

  it('leaves entries of the version it was given when no newer commit happened', async () => {
    const id = 'current';
    const stored: IndexChange[] = [{ index: 'orders', op: 'set', member: `${id} order-1`, score: at(3) }];
    await commitVersions(id, [stored]);
    // Planted: an entry only a rebuild from the stored journey would remove.
    const planted: JourneyIndexUpdate = {
      customerId: id,
      version: 1,
      changes: [...stored, { index: 'clv', op: 'set', member: id, score: 5 }],
    };
    await indexes.apply([planted]);
    expect(await zscore('orders', `${id} order-1`)).toBe(String(at(3)));
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
    const changes: IndexChange[] = [{ index: 'customers', op: 'set', member: 'twice', score: at(0) }];
    await expect(
      indexes.apply([
        { customerId: 'twice', version: 1, changes },
        { customerId: 'twice', version: 2, changes },
      ]),
    ).rejects.toThrow(RangeError);
  });
});
