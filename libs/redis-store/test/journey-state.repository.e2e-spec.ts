import { Logger } from '@nestjs/common';
import {
  JourneyStateRepository,
  createRedisClient,
  journeyKey,
  type JourneyWrite,
  type OutboxEntry,
} from '@pipeline/redis-store';
import { testInfra, testNamespace } from '@pipeline/testing';
import { Redis } from 'ioredis';
import { performance } from 'node:perf_hooks';
import { deleteKeysWithPrefix } from './support/delete-keys-with-prefix';

const derived = (id: string, customerId: string): OutboxEntry => ({
  id,
  topic: 'journey.stage-changed.v1',
  key: customerId,
  value: JSON.stringify({ id, customerId }),
});

const write = (customerId: string, expectedVersion: number, data: string, outbox: OutboxEntry[] = []) =>
  ({ customerId, expectedVersion, data, outbox }) satisfies JourneyWrite;

describe(JourneyStateRepository.name, () => {
  const infra = testInfra();
  const ns = testNamespace('journey-store');
  const client = new Redis(infra.redisUrl);
  const repository = new JourneyStateRepository(client, ns.redisPrefix);

  afterAll(async () => {
    await deleteKeysWithPrefix(client, ns.redisPrefix);
    await client.quit();
  });

  it('commits from version 0 and reads the state back', async () => {
    const outcomes = await repository.commitMany([write('c-new', 0, '{"stage":"awareness"}')]);

    expect(outcomes).toEqual([{ customerId: 'c-new', status: 'committed', version: 1 }]);
    expect(await repository.get('c-new')).toEqual({
      version: 1,
      data: '{"stage":"awareness"}',
      emitted: null,
      outbox: [],
    });
    expect(await client.hgetall(journeyKey(ns.redisPrefix, 'c-new'))).toEqual({
      v: '1',
      d: '{"stage":"awareness"}',
    });
  });

  it('reports a stale version as a conflict with the current version and leaves the state alone', async () => {
    await repository.commitMany([write('c-stale', 0, 'first')]);
    await repository.commitMany([write('c-stale', 1, 'second', [derived('e-2', 'c-stale')])]);

    const outcomes = await repository.commitMany([
      write('c-stale', 1, 'late', [derived('e-late', 'c-stale')]),
    ]);

    expect(outcomes).toEqual([{ customerId: 'c-stale', status: 'conflict', version: 2 }]);
    expect(await repository.get('c-stale')).toEqual({
      version: 2,
      data: 'second',
      emitted: null,
      outbox: [derived('e-2', 'c-stale')],
    });
  });

  it('keeps derived events in the outbox until acknowledged, in commit order, and keeps the state', async () => {
    const id = 'c-outbox';
    await repository.commitMany([write(id, 0, 's1', [derived('e-b', id), derived('e-a', id)])]);
    await repository.commitMany([write(id, 1, 's2', [derived('e-0', id)])]);

    const pending = (await repository.loadMany([id])).get(id);
    expect(pending?.outbox.map((entry) => entry.id)).toEqual(['e-b', 'e-a', 'e-0']);
    expect(pending?.outbox[0]).toEqual(derived('e-b', id));

    await repository.ackOutbox([
      { customerId: id, ids: ['e-b', 'e-0'] },
      { customerId: 'c-none', ids: [] },
    ]);
    expect(await repository.get(id)).toEqual({
      version: 2,
      data: 's2',
      emitted: null,
      outbox: [derived('e-a', id)],
    });

    await repository.ackOutbox([{ customerId: id, ids: ['e-a', 'e-unknown'] }]);
    expect(await client.hgetall(journeyKey(ns.redisPrefix, id))).toEqual({ v: '2', d: 's2' });
  });

  it('writes the emitted-outputs bookkeeping with the state, and keeps it when a later write omits it', async () => {
    await repository.commitMany([
      { customerId: 'c-em', expectedVersion: 0, data: '{}', emitted: '{"band":"high"}', outbox: [] },
    ]);
    expect((await repository.get('c-em'))?.emitted).toBe('{"band":"high"}');
    await repository.commitMany([{ customerId: 'c-em', expectedVersion: 1, data: '{"n":1}', outbox: [] }]);
    expect(await repository.get('c-em')).toMatchObject({
      version: 2,
      data: '{"n":1}',
      emitted: '{"band":"high"}',
    });
  });

  it('loads customers that were never stored as version 0 without data', async () => {
    const loaded = await repository.loadMany(['c-absent', 'c-absent', 'c-new']);

    expect(loaded.get('c-absent')).toEqual({ version: 0, data: null, emitted: null, outbox: [] });
    expect(loaded.size).toBe(2);
    expect(await repository.get('c-absent')).toBeUndefined();
  });

  it('lets only the first of two writes to one customer in one batch win', async () => {
    const outcomes = await repository.commitMany([write('c-twice', 0, 'a'), write('c-twice', 0, 'b')]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['committed', 'conflict']);
    expect((await repository.get('c-twice'))?.data).toBe('a');
  });

  it('refuses a malformed write before sending any of the batch', async () => {
    const batch = [write('c-valid', 0, 'x'), write('c-bad', -1, 'y')];

    await expect(repository.commitMany(batch)).rejects.toThrow(RangeError);
    await expect(
      repository.commitMany([write('c-dup', 0, 'x', [derived('e', 'c-dup'), derived('e', 'c-dup')])]),
    ).rejects.toThrow(/repeat/);
    expect(await repository.get('c-valid')).toBeUndefined();
  });

  it('round-trips 1000 customers in one pipeline per batch', async () => {
    const ids = Array.from({ length: 1000 }, (_, n) => `c-bulk-${n}`);
    const pipelines = jest.spyOn(client, 'pipeline');

    const started = performance.now();
    const before = await repository.loadMany(ids);
    const loaded = performance.now();
    const outcomes = await repository.commitMany(
      ids.map((id) => write(id, before.get(id)?.version ?? -1, `{"n":"${id}"}`, [derived(`e-${id}`, id)])),
    );
    const committed = performance.now();
    const after = await repository.loadMany(ids);
    const reloaded = performance.now();
    await repository.ackOutbox(ids.map((id) => ({ customerId: id, ids: [`e-${id}`] })));
    const acked = performance.now();

    expect(pipelines).toHaveBeenCalledTimes(4);
    pipelines.mockRestore();
    expect(
      outcomes.every((outcome, n) => outcome.status === 'committed' && outcome.customerId === ids[n]),
    ).toBe(true);
    for (const id of ids) {
      expect(after.get(id)).toEqual({
        version: 1,
        data: `{"n":"${id}"}`,
        emitted: null,
        outbox: [derived(`e-${id}`, id)],
      });
    }
    expect((await repository.get('c-bulk-999'))?.outbox).toEqual([]);
    new Logger('journey-store timing').log(
      `1000 customers: loadMany(empty) ${ms(loaded - started)}, commitMany ${ms(committed - loaded)}, ` +
        `loadMany ${ms(reloaded - committed)}, ackOutbox ${ms(acked - reloaded)}`,
    );
  });

  it('falls back from EVALSHA to EVAL after SCRIPT FLUSH, then returns to EVALSHA', async () => {
    const monitor = await client.monitor();
    const scriptCalls: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      const command = args[0].toLowerCase();
      // MONITOR also shows the HGET/HSET a script runs; only the script invocations matter here.
      const ours = args.some((arg) => arg.startsWith(`${ns.redisPrefix}j:{c-flush`));
      if (ours && (command === 'eval' || command === 'evalsha')) scriptCalls.push(command);
    });
    try {
      await repository.commitMany([write('c-flush-0', 0, 'warm')]);
      await client.script('FLUSH');
      const outcomes = await repository.commitMany([write('c-flush-1', 0, 'a'), write('c-flush-2', 0, 'b')]);
      await repository.commitMany([write('c-flush-3', 0, 'c')]);
      await waitFor(() => scriptCalls.length >= 6);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['committed', 'committed']);
      // After the flush: NOSCRIPT on both EVALSHAs, then EVAL once (loads it) and EVALSHA again.
      expect(scriptCalls.slice(1)).toEqual(['evalsha', 'evalsha', 'eval', 'evalsha', 'evalsha']);
    } finally {
      monitor.disconnect();
    }
  });

  it('lets exactly one of two clients committing the same version win', async () => {
    const other = new Redis(infra.redisUrl);
    const rival = new JourneyStateRepository(other, ns.redisPrefix);
    try {
      const ids = Array.from({ length: 200 }, (_, n) => `c-race-${n}`);
      const [mine, theirs] = await Promise.all([
        repository.commitMany(ids.map((id) => write(id, 0, 'mine'))),
        rival.commitMany(ids.map((id) => write(id, 0, 'theirs'))),
      ]);
      const stored = await repository.loadMany(ids);

      ids.forEach((id, n) => {
        const statuses = [mine[n].status, theirs[n].status].sort();
        expect(statuses).toEqual(['committed', 'conflict']);
        expect(mine[n].version).toBe(1);
        expect(theirs[n].version).toBe(1);
        expect(stored.get(id)?.data).toBe(mine[n].status === 'committed' ? 'mine' : 'theirs');
      });
    } finally {
      await other.quit();
    }
  });

  it('fails a batch quickly when Redis cannot be reached, instead of waiting for it', async () => {
    const unreachable = createRedisClient({ url: 'redis://127.0.0.1:1' });
    const started = performance.now();
    try {
      await expect(
        new JourneyStateRepository(unreachable, ns.redisPrefix).loadMany(['c-x']),
      ).rejects.toThrow();
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      unreachable.disconnect();
      // ioredis arms a 2 s timer to destroy a socket that never closes; this one never opened.
      await new Promise((resolve) => setTimeout(resolve, 2100));
    }
  });
});

function ms(duration: number): string {
  return `${duration.toFixed(1)} ms`;
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
