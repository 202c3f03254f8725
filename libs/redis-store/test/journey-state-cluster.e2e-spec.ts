import {
  JourneyStateRepository,
  RedisBatchTimeoutError,
  createRedisClient,
  journeyKey,
  type OutboxEntry,
} from '@pipeline/redis-store';
import { testNamespace } from '@pipeline/testing';
import type { Cluster } from 'ioredis';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deleteKeysWithPrefix } from './support/delete-keys-with-prefix';

const CLUSTER_SCRIPT = resolve(__dirname, 'redis-cluster.sh');

/** Runs the cluster script; a missing redis-server makes it exit non-zero, which fails the suite. */
function clusterScript(command: 'start' | 'stop'): string {
  return execFileSync('bash', [CLUSTER_SCRIPT, command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 120_000,
  });
}

function startCluster(): string[] {
  const line = clusterScript('start')
    .split('\n')
    .find((l) => l.startsWith('CLUSTER_NODES='));
  if (!line) throw new Error('redis-cluster.sh start printed no CLUSTER_NODES= line');
  return line.slice('CLUSTER_NODES='.length).split(',');
}

const derived = (customerId: string): OutboxEntry => ({
  id: `e-${customerId}`,
  topic: 'journey.clv.v1',
  key: customerId,
  value: `{"customerId":"${customerId}"}`,
});

describe(`${JourneyStateRepository.name} on a Redis Cluster`, () => {
  const ns = testNamespace('journey-store-cluster');
  const ids = Array.from({ length: 200 }, (_, n) => `c-${n}`);
  let nodes: string[];
  let client: Cluster;
  let repository: JourneyStateRepository;

  beforeAll(() => {
    nodes = startCluster();
    client = createRedisClient({ clusterNodes: nodes }) as Cluster;
    repository = new JourneyStateRepository(client, ns.redisPrefix, { batchTimeoutMs: 5000 });
  });

  afterAll(async () => {
    try {
      if (client.status === 'ready') await deleteKeysWithPrefix(client, ns.redisPrefix);
      client.disconnect();
    } finally {
      clusterScript('stop');
    }
  });

  it('is a cluster that refuses one pipeline across its nodes', async () => {
    const keys = ids.map((id) => journeyKey(ns.redisPrefix, id));
    await repository.loadMany(ids.slice(0, 1));

    const plain = client.pipeline();
    for (const key of keys) plain.hgetall(key);

    await expect(plain.exec()).rejects.toThrow(/same slots allocation group/);
  });

  it('loads, commits and acknowledges 200 customers spread over all masters', async () => {
    const started = performance.now();
    const before = await repository.loadMany(ids);
    const outcomes = await repository.commitMany(
      ids.map((id) => ({
        customerId: id,
        expectedVersion: before.get(id)?.version ?? -1,
        data: `{"id":"${id}"}`,
        outbox: [derived(id)],
      })),
    );
    const after = await repository.loadMany(ids);
    await repository.ackOutbox(ids.map((id) => ({ customerId: id, ids: [derived(id).id] })));
    const elapsed = performance.now() - started;

    expect(outcomes.map((outcome) => outcome.customerId)).toEqual(ids);
    expect(outcomes.every((outcome) => outcome.status === 'committed' && outcome.version === 1)).toBe(true);
    for (const id of ids) {
      expect(after.get(id)).toEqual({
        version: 1,
        data: `{"id":"${id}"}`,
        emitted: null,
        outbox: [derived(id)],
      });
    }
    expect(await repository.get('c-7')).toEqual({
      version: 1,
      data: '{"id":"c-7"}',
      emitted: null,
      outbox: [],
    });

    const perMaster = await Promise.all(
      client.nodes('master').map(async (node) => (await node.keys(`${ns.redisPrefix}*`)).length),
    );
    expect(perMaster).toHaveLength(3);
    expect(perMaster.every((count) => count > 0)).toBe(true);
    expect(perMaster.reduce((a, b) => a + b, 0)).toBe(ids.length);
    expect(elapsed).toBeLessThan(5000);
  });

  it('reports conflicts per customer in input order across nodes', async () => {
    const outcomes = await repository.commitMany(
      ids.map((id, n) => ({ customerId: id, expectedVersion: n % 2, data: 'again', outbox: [] })),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual(
      ids.map((_, n) => (n % 2 === 1 ? 'committed' : 'conflict')),
    );
    expect(outcomes.map((outcome) => outcome.version)).toEqual(ids.map((_, n) => (n % 2 === 1 ? 2 : 1)));
  });

  it('reloads the script on every master after SCRIPT FLUSH', async () => {
    await Promise.all(client.nodes('master').map((node) => node.script('FLUSH')));

    const outcomes = await repository.commitMany(
      ids.map((id, n) => ({
        customerId: id,
        expectedVersion: n % 2 === 1 ? 2 : 1,
        data: 'flushed',
        outbox: [],
      })),
    );

    expect(outcomes.every((outcome) => outcome.status === 'committed')).toBe(true);
  });

  it('fails a batch within its time limit while the cluster is down, and recovers when it is back', async () => {
    clusterScript('stop');
    const impatient = new JourneyStateRepository(client, ns.redisPrefix, { batchTimeoutMs: 1500 });

    const started = performance.now();
    await expect(impatient.loadMany(ids)).rejects.toThrow(RedisBatchTimeoutError);
    expect(performance.now() - started).toBeLessThan(3000);

    // A new, empty cluster on the same addresses: the client finds it without being recreated.
    startCluster();
    const recovered = await retryFor(15_000, () => repository.loadMany(ids));
    expect(recovered.get('c-0')).toEqual({ version: 0, data: null, emitted: null, outbox: [] });
  });
});

async function retryFor<T>(timeoutMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error: unknown) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
