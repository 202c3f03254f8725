import { freePort } from '@pipeline/testing';
import {
  ALL_INBOUND_TOPICS,
  ChurnRiskEventV1,
  ClvEventV1,
  DEAD_LETTER_TOPIC,
  EnvelopeOf,
  EventType,
  OUTBOUND_TOPICS,
  StageChangedEventV1,
  topicMessage,
} from '@pipeline/contracts';
import { JourneySimulator } from '@pipeline/journey-simulator';
import {
  ServiceProcess,
  brokenStageChains,
  envelope,
  indexMismatches,
  journeyMismatches,
  referenceJourneys,
  testInfra,
  testNamespace,
} from '@pipeline/testing';
import Redis, { Cluster } from 'ioredis';
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { KafkaTestClient, RawRecord, sleep } from './kafka-test-client';
import { PROCESSOR_MAIN } from './processor-process';

/** The built processor; PIPELINE_PROCESSOR_MAIN points at another build (e.g. one not being rebuilt). */
const PROCESSOR = process.env.PIPELINE_PROCESSOR_MAIN ?? PROCESSOR_MAIN;
const CLUSTER_SCRIPT = resolve(__dirname, '../../../libs/redis-store/test/redis-cluster.sh');
// Below Linux's ephemeral range (32768-60999): a port up there can be held by any outgoing connection.
const CLUSTER_BASE_PORT = process.env.SCALE_REDIS_CLUSTER_BASE_PORT ?? '17101';

/** One namespace (topics, group, Redis keys) and any number of processor processes in its group. */
class ScaleWorld {
  readonly ns: ReturnType<typeof testNamespace>;
  readonly kafka: KafkaTestClient;
  readonly processors: ServiceProcess[] = [];

  constructor(
    label: string,
    readonly redis: Redis | Cluster,
    private readonly redisEnv: Record<string, string>,
  ) {
    this.ns = testNamespace(label);
    this.kafka = new KafkaTestClient(testInfra().kafkaBrokers, this.ns.topicPrefix);
  }

  async startProcessor(): Promise<ServiceProcess> {
    const port = await freePort();
    const processor = new ServiceProcess(
      PROCESSOR,
      {
        ...this.redisEnv,
        KAFKA_BROKERS: testInfra().kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: this.ns.topicPrefix,
        KAFKA_TOPIC_PARTITIONS: '6',
        KAFKA_GROUP_ID: this.ns.groupId,
        KAFKA_CLIENT_ID: `jp-${this.ns.id}-${this.processors.length}`,
        REDIS_KEY_PREFIX: this.ns.redisPrefix,
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
        KAFKA_SESSION_TIMEOUT_MS: '6000',
      },
      `http://127.0.0.1:${port}/customers/probe/journey`,
    );
    await processor.start();
    this.processors.push(processor);
    return processor;
  }

  catchUp(timeoutMs = 120_000): Promise<void> {
    return this.kafka.waitForCatchUp(this.ns.groupId, ALL_INBOUND_TOPICS, timeoutMs);
  }

  async read<T>(topic: string): Promise<T[]> {
    return (await this.kafka.readAll(topic)).map((r) => JSON.parse(r.value!.toString()) as T);
  }

  async dispose(): Promise<void> {
    for (const processor of this.processors) await processor.stop();
    await this.kafka.close();
  }
}

function simulatedStream(customers: number, seed: number, prefix: string): RawRecord[] {
  return new JourneySimulator({ customers, seed, customerPrefix: prefix })
    .generate()
    .map((e) => topicMessage(e.topic, e.key, e.envelope));
}

const referenceOf = (records: readonly RawRecord[]) =>
  referenceJourneys(records.map((r) => ({ topic: r.topic, value: String(r.value) })));

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

describe('journey processor scaled out', () => {
  describe('two processes in one group over 6 partitions, one killed mid-stream', () => {
    const redis = new Redis(testInfra().redisUrl);
    const world = new ScaleWorld('scale-group', redis, { REDIS_URL: testInfra().redisUrl });
    const stream = simulatedStream(1_000, 41, 'sg-');
    const expected = referenceOf(stream);
    let survivorDidWork = false;

    beforeAll(async () => {
      const [first, second] = [await world.startProcessor(), await world.startProcessor()];
      const half = Math.floor(stream.length / 2);
      for (let i = 0; i < half; i += 200) await world.kafka.publishRaw(stream.slice(i, i + 200));
      await sleep(1_500);
      const cpuBefore = second.cpuSeconds();
      await first.kill();
      for (let i = half; i < stream.length; i += 200) await world.kafka.publishRaw(stream.slice(i, i + 200));
      await world.catchUp();
      survivorDidWork = second.cpuSeconds() - cpuBefore > 0.5;
    }, 180_000);

    afterAll(async () => {
      await world.dispose();
      await deleteKeys(redis, world.ns.redisPrefix);
      await redis.quit();
    });

    it('lets the surviving process take over every partition and catch up', () => {
      expect(world.processors[1].running).toBe(true);
      expect(survivorDidWork).toBe(true);
    });

    it('ends with exactly the journeys an in-memory reference computes', async () => {
      expect(await journeyMismatches(redis, world.ns.redisPrefix, expected)).toEqual([]);
    });

    it('published every stage change: each customer a gap-free chain to the current stage', async () => {
      const changes = await world.read<StageChangedEventV1>(OUTBOUND_TOPICS.stageChanged);
      expect(brokenStageChains(changes, expected)).toEqual([]);
    });

    it('left every population index entry the final journeys call for, whichever process wrote last', async () => {
      expect(await indexMismatches(redis, world.ns.redisPrefix, expected.keys())).toEqual([]);
    });
  });

  describe('on a three-master Redis Cluster', () => {
    const env = { ...process.env, REDIS_CLUSTER_BASE_PORT: CLUSTER_BASE_PORT };
    let cluster: Cluster;
    let world: ScaleWorld;
    const stream = simulatedStream(600, 42, 'rc-');
    const expected = referenceOf(stream);
    const DAY = 86_400_000;
    const now = Date.now();
    const daysAgo = (days: number): string => new Date(now - days * DAY).toISOString();
    const clvAndChurn: Array<EnvelopeOf<EventType>> = [
      envelope('ad_click', {
        customerId: 'clv-1',
        eventId: 'a1',
        occurredAt: daysAgo(25),
        properties: { source: 'google', cost: '5.00', currency: 'EUR' },
      }),
      envelope('order_placed', {
        customerId: 'clv-1',
        eventId: 'o1',
        occurredAt: daysAgo(20),
        properties: { orderId: 'o1', amount: '100.00', currency: 'EUR' },
      }),
      envelope('order_refunded', {
        customerId: 'clv-1',
        eventId: 'r1',
        occurredAt: daysAgo(5),
        properties: { orderId: 'o1', amount: '20.00', currency: 'EUR' },
      }),
      envelope('order_placed', {
        customerId: 'churn-1',
        eventId: 'c-o1',
        occurredAt: daysAgo(3),
        properties: { orderId: 'x1', amount: '30.00', currency: 'EUR' },
      }),
      envelope('incident_reported', {
        customerId: 'churn-1',
        eventId: 'c-i1',
        occurredAt: daysAgo(2),
        properties: { incidentId: 'i1', kind: 'late_delivery' },
      }),
      envelope('incident_reported', {
        customerId: 'churn-1',
        eventId: 'c-i2',
        occurredAt: daysAgo(2),
        properties: { incidentId: 'i2', kind: 'damaged' },
      }),
    ];

    beforeAll(async () => {
      const started = spawnSync('bash', [CLUSTER_SCRIPT, 'start'], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (started.status !== 0) {
        throw new Error(
          `redis-cluster.sh start failed (${started.status}):\n${started.stderr.slice(-2_000)}`,
        );
      }
      const out = started.stdout;
      const nodes = /CLUSTER_NODES=(.+)/.exec(out)?.[1];
      if (!nodes) throw new Error(`redis-cluster.sh printed no CLUSTER_NODES:\n${out}`);
      cluster = new Cluster(
        nodes.split(',').map((n) => ({ host: n.split(':')[0], port: Number(n.split(':')[1]) })),
      );
      world = new ScaleWorld('scale-cluster', cluster, { REDIS_CLUSTER_NODES: nodes });
      await world.startProcessor();
      for (let i = 0; i < stream.length; i += 300) await world.kafka.publishRaw(stream.slice(i, i + 300));
      for (const event of clvAndChurn) {
        await world.kafka.publishEnvelopes([event]);
        await world.catchUp();
      }
    }, 180_000);

    afterAll(async () => {
      await world?.dispose();
      await cluster?.quit();
      execFileSync('bash', [CLUSTER_SCRIPT, 'stop'], { env, stdio: 'ignore', timeout: 60_000 });
    });

    it('runs the core journey stream to exactly the reference journeys', async () => {
      expect(await journeyMismatches(cluster, world.ns.redisPrefix, expected)).toEqual([]);
      const changes = await world.read<StageChangedEventV1>(OUTBOUND_TOPICS.stageChanged);
      const ofStream = changes.filter((c) => c.customerId.startsWith('rc-'));
      expect(brokenStageChains(ofStream, expected)).toEqual([]);
    });

    it('works out CLV and churn risk and keeps the population indexes', async () => {
      const clv = (await world.read<ClvEventV1>(OUTBOUND_TOPICS.clv)).filter((e) => e.customerId === 'clv-1');
      expect(clv.map((e) => [e.trigger, e.simple.netRevenue])).toEqual([
        [{ kind: 'event', eventId: 'o1' }, '100.00'],
        [{ kind: 'event', eventId: 'r1' }, '80.00'],
      ]);
      const churn = (await world.read<ChurnRiskEventV1>(OUTBOUND_TOPICS.churnRisk)).filter(
        (e) => e.customerId === 'churn-1',
      );
      expect(churn.map((e) => [e.previousBand, e.band])).toEqual([
        [null, 'low'],
        ['low', 'high'],
      ]);
      expect(await cluster.zscore(`${world.ns.redisPrefix}idx:churn-band`, 'churn-1')).not.toBeNull();
      expect(await cluster.zscore(`${world.ns.redisPrefix}idx:clv`, 'clv-1')).not.toBeNull();
    });

    it('never hits a CROSSSLOT error and dead-letters nothing', async () => {
      expect(world.processors[0].log).not.toMatch(/CROSSSLOT/);
      expect(world.processors[0].running).toBe(true);
      expect(await world.read(DEAD_LETTER_TOPIC)).toEqual([]);
    });
  });
});
