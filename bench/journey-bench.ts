/**
 * Journey processor benchmark (prints figures; not a test). Publishes a seeded storefront stream onto
 * fresh 6-partition stage topics, then runs the built processor as its own process and measures the
 * sustained rate from its first commit until every event is applied, derived events published and
 * offsets committed; plus CPU time per event and Redis memory per customer.
 *
 *   npm run bench:journey -- --customers 40000
 */
import 'reflect-metadata';
import { ALL_INBOUND_TOPICS, DEAD_LETTER_TOPIC, OUTBOUND_TOPICS } from '@pipeline/contracts';
import { KafkaPublisher, createKafkaClient, ensureTopics, topicName } from '@pipeline/kafka';
import { JourneySimulator } from '@pipeline/journey-simulator';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import {
  cpuSeconds,
  formatRate,
  freePort,
  groupLag,
  rssBytes,
  sleep,
  spawnNode,
  waitForHttp,
} from './bench-support';

const PROCESSOR = resolve(__dirname, '../dist/apps/journey-processor/apps/journey-processor/src/main.js');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const customers = arg('customers', 40_000);
  const run = randomBytes(3).toString('hex');
  const prefix = `bench-${run}.`;
  const redisPrefix = `bench:${run}:`;
  const groupId = `bench-${run}`;
  const kafka = createKafkaClient({ brokers, clientId: `bench-${run}` });
  const physical = ALL_INBOUND_TOPICS.map((t) => topicName(prefix, t));

  const events = new JourneySimulator({ customers, seed: 2026, customerPrefix: 'b-' }).generate();
  await ensureTopics(
    kafka,
    prefix,
    [...ALL_INBOUND_TOPICS, ...Object.values(OUTBOUND_TOPICS), DEAD_LETTER_TOPIC],
    {
      partitions: 6,
      replicationFactor: 1,
    },
  );
  const publisher = new KafkaPublisher(kafka, { topicPrefix: prefix });
  await publisher.connect();
  const publishStart = Date.now();
  for (let i = 0; i < events.length; i += 2_000) {
    await publisher.publish(
      events
        .slice(i, i + 2_000)
        .map((e) => ({ topic: e.topic, key: e.key, value: JSON.stringify(e.envelope) })),
    );
  }
  const publishMs = Date.now() - publishStart;
  await publisher.disconnect();

  const redis = new Redis(redisUrl);
  const memoryBefore = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
  const port = await freePort();
  const child = spawnNode(PROCESSOR, {
    KAFKA_BROKERS: brokers.join(','),
    REDIS_URL: redisUrl,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_GROUP_ID: groupId,
    REDIS_KEY_PREFIX: redisPrefix,
    HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitForHttp(`http://127.0.0.1:${port}/customers/x/journey`, child);
    let started = 0;
    let cpuAtStart = 0;
    let peakRss = 0;
    for (;;) {
      const lag = await groupLag(admin, groupId, physical);
      peakRss = Math.max(peakRss, rssBytes(child.pid!));
      if (!started && lag < events.length) {
        started = Date.now();
        cpuAtStart = cpuSeconds(child.pid!);
      }
      if (lag === 0) break;
      await sleep(50);
    }
    const elapsedMs = Date.now() - started;
    const cpu = cpuSeconds(child.pid!) - cpuAtStart;

    const memoryAfter = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
    const sample = [...new Set(events.map((e) => e.key))].slice(0, 2_000);
    let sampled = 0;
    for (const id of sample)
      sampled += Number(await redis.call('MEMORY', 'USAGE', `${redisPrefix}j:{${id}}`, 'SAMPLES', '0'));

    const figures = {
      events: events.length,
      customers,
      'publish rate': formatRate((events.length / publishMs) * 1000),
      'pipeline throughput': formatRate((events.length / elapsedMs) * 1000),
      'elapsed (first commit -> lag 0)': `${(elapsedMs / 1000).toFixed(2)} s`,
      'CPU per event': `${((cpu / events.length) * 1e6).toFixed(1)} µs`,
      'processor peak RSS': `${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
      'Redis memory per customer (MEMORY USAGE)': `${Math.round(sampled / sample.length)} B`,
      'Redis used_memory delta per customer': `${Math.round((memoryAfter - memoryBefore) / customers)} B`,
    };
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(42)} ${v}\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 5_000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
    const all = await admin.listTopics();
    await admin.deleteTopics({ topics: all.filter((t) => t.startsWith(prefix)) });
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
