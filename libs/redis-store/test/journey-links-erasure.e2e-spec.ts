import {
  JourneyErasureRepository,
  JourneyIndexRepository,
  JourneyLinkRepository,
  JourneyStateRepository,
  journeyKey,
} from '@pipeline/redis-store';
import { testInfra, testNamespace } from '@pipeline/testing';
import { Redis } from 'ioredis';
import { deleteKeysWithPrefix } from './support/delete-keys-with-prefix';

describe('journey links and erasure in Redis', () => {
  const infra = testInfra();
  const ns = testNamespace('links-erasure');
  const client = new Redis(infra.redisUrl);
  const journeys = new JourneyStateRepository(client, ns.redisPrefix);
  const links = new JourneyLinkRepository(client, ns.redisPrefix);
  const erasures = new JourneyErasureRepository(client, ns.redisPrefix);
  // These journeys are closed or bare: no rebuild from their state is ever asked for.
  const indexes = new JourneyIndexRepository(client, ns.redisPrefix, () => []);
  const key = (id: string): string => journeyKey(ns.redisPrefix, id);
  const commit = (customerId: string, expectedVersion: number) =>
    journeys.commitMany([{ customerId, expectedVersion, data: '{}', outbox: [] }]);

  afterAll(async () => {
    await deleteKeysWithPrefix(client, ns.redisPrefix);
    await client.quit();
  });

  it('links only the journey version it read, once, and refuses journey writes over the link', async () => {
    await commit('anon-a', 0);
    expect(await links.link('anon-a', 0, 'cust-a')).toBe('conflict');
    expect(await links.link('anon-a', 1, 'cust-a')).toBe('linked');
    expect(await links.link('anon-a', 1, 'cust-a')).toBe('already-linked');
    expect(await links.link('anon-a', 1, 'cust-b')).toBe('linked-elsewhere');
    expect((await commit('anon-a', 1))[0]?.status).toBe('linked');
    expect((await journeys.loadMany(['anon-a'])).get('anon-a')).toMatchObject({
      data: '{}',
      linkedTo: 'cust-a',
    });
  });

  it('retires a merged journey down to its link, and only for the customer it is linked to', async () => {
    await links.retire([{ linkedId: 'anon-a', customerId: 'cust-b' }]);
    expect(await client.hget(key('anon-a'), 'd')).toBe('{}');
    await links.retire([{ linkedId: 'anon-a', customerId: 'cust-a' }]);
    expect(await client.hgetall(key('anon-a'))).toEqual({ a: 'cust-a' });
  });

  it('unlinks only a link to the given customer', async () => {
    await commit('anon-u', 0);
    await links.link('anon-u', 1, 'cust-u');
    await links.unlink('anon-u', 'someone-else');
    expect(await client.hget(key('anon-u'), 'a')).toBe('cust-u');
    await links.unlink('anon-u', 'cust-u');
    expect((await commit('anon-u', 1))[0]?.status).toBe('committed');
  });

  it('marks an erasure once, keeps what cleanup needs until sealed, then keeps only the tombstone', async () => {
    await commit('gone', 0);
    const first = await erasures.mark('gone', 1_000);
    expect(first).toEqual({ erasedAt: 1_000, first: true, data: '{}', linkedTo: null });
    expect(await erasures.mark('gone', 2_000)).toEqual({ ...first, first: false });
    expect((await commit('gone', 1))[0]?.status).toBe('erased');
    expect(await links.link('gone', 1, 'cust-x')).toBe('erased');
    await erasures.seal(['gone', 'never-marked']);
    expect(await client.hgetall(key('gone'))).toEqual({ x: '1000' });
    expect(await client.exists(key('never-marked'))).toBe(0);
    expect((await commit('gone', 0))[0]?.status).toBe('erased');
  });

  it('withdraws index entries a late writer sets for an erased or linked customer', async () => {
    await erasures.mark('late', 5);
    await indexes.apply([
      {
        customerId: 'late',
        version: 0,
        changes: [
          { index: 'customers', op: 'set', member: 'late', score: 1 },
          { index: 'orders', op: 'set', member: 'late o-1', score: 1 },
        ],
      },
      {
        customerId: 'alive',
        version: 0,
        changes: [{ index: 'customers', op: 'set', member: 'alive', score: 1 }],
      },
      {
        customerId: 'anon-a',
        version: 1,
        changes: [{ index: 'customers', op: 'set', member: 'anon-a', score: 1 }],
      },
    ]);
    const members = await client.zrange(`${ns.redisPrefix}idx:customers`, 0, -1);
    expect(members).toEqual(['alive']);
    expect(await client.zcard(`${ns.redisPrefix}idx:orders`)).toBe(0);
  });

  it('removes every index entry of the given customers, scanning order and NPS members by prefix', async () => {
    await indexes.apply([
      {
        customerId: 'c-1',
        version: 0,
        changes: [
          { index: 'customers', op: 'set', member: 'c-1', score: 1 },
          { index: 'stage:awareness', op: 'set', member: 'c-1', score: 1 },
          { index: 'orders', op: 'set', member: 'c-1 o-1', score: 1 },
          { index: 'nps', op: 'set', member: 'c-1 e-1 9', score: 1 },
        ],
      },
      {
        customerId: 'c-10',
        version: 0,
        changes: [{ index: 'orders', op: 'set', member: 'c-10 o-1', score: 1 }],
      },
      {
        customerId: 'c-2',
        version: 0,
        changes: [
          { index: 'nps', op: 'set', member: 'c-2 e-2 3', score: 1 },
          { index: 'churn-due', op: 'set', member: 'c-2', score: 1 },
        ],
      },
    ]);
    await indexes.removeCustomers(['c-1']);
    expect(await client.zrange(`${ns.redisPrefix}idx:orders`, 0, -1)).toEqual(['c-10 o-1']);
    expect(await client.zrange(`${ns.redisPrefix}idx:nps`, 0, -1)).toEqual(['c-2 e-2 3']);
    expect(await client.zscore(`${ns.redisPrefix}idx:customers`, 'c-1')).toBeNull();
    await indexes.removeCustomers(['c-2', 'c-10']);
    expect(await client.zcard(`${ns.redisPrefix}idx:orders`)).toBe(0);
    expect(await client.zcard(`${ns.redisPrefix}idx:nps`)).toBe(0);
    expect(await client.zcard(`${ns.redisPrefix}idx:churn-due`)).toBe(0);
  });
});
