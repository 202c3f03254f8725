/**
 * Journey pipeline benchmark (prints figures; not a test). Publishes a seeded storefront stream onto
 * fresh 6-partition stage topics, then on the same data measures:
 *  - the built processor as its own process: sustained rate from its group join until every
 *    event is applied, derived events published and offsets committed; CPU per event; Redis memory
 *    per customer;
 *  - baseline (a), a raw kafkajs eachBatch consumer that only JSON.parses, and baseline (b), the stock
 *    NestJS Kafka transport with one Redis round trip per field;
 *  - latency at half the measured maximum: broker append time of an input event to the append time
 *    of the stage change it caused (topics use LogAppendTime).
 *
 *   npm run bench                    about 1,000,000 events over 100,000 customers
 *   npm run bench:quick              a small stream, under a minute (CI)
 *   npm run bench -- --customers 20000 --latency-seconds 20
 *   npm run bench -- --instances 2   two processors in the group (REDIS_CLUSTER_NODES: on a cluster)
 */
import 'reflect-metadata';
import {
  ALL_INBOUND_TOPICS,
  DEAD_LETTER_TOPIC,
  OUTBOUND_TOPICS,
  StageChangedEventV1,
  topicMessage,
} from '@pipeline/contracts';
import { KafkaPublisher, createKafkaClient, topicName } from '@pipeline/kafka';
import { JourneySimulator, SimulatedEvent } from '@pipeline/journey-simulator';
import { Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { rawConsumeRate, tutorialRate } from './baselines';
import {
  PipelineRun,
  joinedAt,
  measurePipeline,
  perEventText,
  startProcessor,
  stopProcessor,
} from './processor-runs';
import { benchRedis, deletePrefix, formatRate, groupLag, redisRoundTripMicros, sleep } from './bench-support';

const quick = process.argv.includes('--quick');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ALL_TOPICS = [...ALL_INBOUND_TOPICS, ...Object.values(OUTBOUND_TOPICS), DEAD_LETTER_TOPIC];

async function createTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: ALL_TOPICS.map((t) => ({
      topic: topicName(prefix, t),
      numPartitions: 6,
      replicationFactor: 1,
      configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }],
    })),
  });
  await admin.disconnect();
}

async function publishAll(kafka: Kafka, prefix: string, events: readonly SimulatedEvent[]): Promise<number> {
  const publisher = new KafkaPublisher(kafka, { topicPrefix: prefix });
  await publisher.connect();
  const start = Date.now();
  for (let i = 0; i < events.length; i += 5_000)
    await publisher.publish(events.slice(i, i + 5_000).map((e) => topicMessage(e.topic, e.key, e.envelope)));
  const ms = Date.now() - start;
  await publisher.disconnect();
  return (events.length / ms) * 1000;
}

/** Every record of a physical topic with its (append) timestamp, read from the start to the end. */
async function readTimestamps(
  kafka: Kafka,
  topic: string,
  pick: (value: Buffer) => string,
): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((s, e) => s + Number(e.high) - Number(e.low), 0);
  const out = new Map<string, number>();
  if (total === 0) return out;
  const consumer = kafka.consumer({ groupId: `bench-read-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let n = 0;
  await new Promise<void>((done) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) out.set(pick(m.value!), Number(m.timestamp));
        n += batch.messages.length;
        if (n >= total) done();
        await Promise.resolve();
      },
    });
  });
  await consumer.disconnect();
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const customers = arg('customers', quick ? 1_500 : 100_000);
  // Journeys plus up to three later browsing sessions each: about ten events per customer, so the
  // default is about 1,000,000 events over 100,000 customers.
  const laterSessions = arg('later-sessions', 3);
  const latencySeconds = arg('latency-seconds', quick ? 5 : 30);
  // A freshly started processor spends its first seconds compiling hot code (JIT) and growing its heap;
  // latency is measured on the stream offered after that, at the same steady load.
  const warmupSeconds = arg('latency-warmup-seconds', quick ? 3 : 10);
  const loadFraction = arg('latency-load', 0.5);
  const tutorialSeconds = arg('tutorial-seconds', quick ? 5 : 20);
  // Processors sharing the consumer group for the throughput run (scale-out on one machine).
  const instances = arg('instances', 1);
  // Throughput runs on the same backlog; the figures printed are the median run's.
  const repeats = Math.max(1, Math.floor(arg('repeat', 1)));
  const run = randomBytes(3).toString('hex');
  const prefix = `bench-${run}.`;
  const redisPrefix = `bench:${run}:`;
  const kafka = createKafkaClient({ brokers, clientId: `bench-${run}` });
  const physical = ALL_INBOUND_TOPICS.map((t) => topicName(prefix, t));
  const redis = benchRedis(redisUrl, process.env.REDIS_CLUSTER_NODES);
  const figures: Array<[string, string]> = [];
  const say = (k: string, v: string): void => {
    figures.push([k, v]);
    process.stdout.write(`${k.padEnd(46)} ${v}\n`);
  };

  const events = new JourneySimulator({
    customers,
    seed: 2026,
    customerPrefix: 'b-',
    laterSessions,
  }).generate();
  say('machine', `${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
  say(
    'processors / Redis',
    `${instances} / ${redis.env.REDIS_CLUSTER_NODES ? `cluster ${redis.env.REDIS_CLUSTER_NODES}` : redisUrl}`,
  );
  say(
    'events / customers',
    `${events.length.toLocaleString('en-US')} / ${customers.toLocaleString('en-US')}`,
  );
  await createTopics(kafka, prefix);
  say('publish rate (idempotent, acks=all)', formatRate(await publishAll(kafka, prefix, events)));

  const admin = kafka.admin();
  await admin.connect();
  const cleanups: Array<() => Promise<void>> = [];
  try {
    // The pipeline at full speed on the backlog, `repeats` times (a fresh group and Redis prefix
    // each): single runs on a shared machine vary, so the figures below are those of the median run.
    const runs: PipelineRun[] = [];
    for (let attempt = 1; attempt <= repeats; attempt += 1) {
      const measured = await measurePipeline({
        brokers,
        redis,
        admin,
        prefix,
        redisPrefix: repeats === 1 ? redisPrefix : `${redisPrefix}r${attempt}:`,
        groupSuffix: repeats === 1 ? '' : `-r${attempt}`,
        instances,
        events,
        customers,
      });
      runs.push(measured);
      if (repeats > 1) {
        say(
          `pipeline run ${attempt} of ${repeats}`,
          `${formatRate(measured.rate)}, CPU per event ${perEventText(measured.cpu, events.length)} ` +
            `processor / ${perEventText(measured.redisCpu, events.length)} Redis / ` +
            `${perEventText(measured.brokerCpu, events.length)} broker`,
        );
        await deletePrefix(redis, `${redisPrefix}r${attempt}:`);
      }
    }
    const rates = runs.map((r) => r.rate).sort((a, b) => a - b);
    const median = runs.find((r) => r.rate === rates[Math.floor((rates.length - 1) / 2)]) ?? runs[0];
    const pipelineRate = median.rate;
    say(
      'pipeline throughput (group joined -> lag 0)',
      repeats === 1
        ? formatRate(pipelineRate)
        : `${formatRate(pipelineRate)} (median of ${repeats}; ${formatRate(rates[0])} to ${formatRate(rates[rates.length - 1])})`,
    );
    say('pipeline CPU per event', perEventText(median.cpu, events.length));
    // What the same events cost the stores meanwhile: with everything on one machine, the cores are
    // shared and these bound the rate as much as the processor's own CPU does.
    say('Redis server CPU per event', perEventText(median.redisCpu, events.length));
    say('Kafka broker CPU per event', perEventText(median.brokerCpu, events.length));
    const cores = cpus().length;
    const total = median.cpu + median.redisCpu + (Number.isFinite(median.brokerCpu) ? median.brokerCpu : 0);
    say(
      'CPU-bound ceiling on this machine',
      `${formatRate((cores * events.length) / total)} (${cores} cores / all three processes' CPU per event)`,
    );
    say('processor peak RSS', `${(median.peakRss / 1024 / 1024).toFixed(0)} MiB`);
    // Every derived event is an outbox write, a publish and an acknowledgement: part of the cost above.
    say(
      'derived events per input event',
      `${(median.derived / events.length).toFixed(2)} (${median.derived.toLocaleString('en-US')} published)`,
    );
    say('Redis per customer (MEMORY USAGE of the hash)', `${Math.round(median.hashBytes)} B`);
    say('Redis used_memory delta per customer', `${Math.round(median.memoryDelta / customers)} B`);

    // Baselines on the same data.
    const raw = await rawConsumeRate(brokers, physical, events.length, quick ? 30_000 : 120_000);
    say('baseline (a) raw kafkajs eachBatch + JSON.parse', formatRate(raw.rate));
    const tutorial = await tutorialRate(brokers, physical, redisUrl, redisPrefix, tutorialSeconds * 1000);
    say(
      'baseline (b) NestJS Transport.KAFKA + HSET/field',
      `${formatRate(tutorial.rate)} (${tutorial.messages} in ${tutorial.seconds.toFixed(1)} s)`,
    );
    const roundTrip = await redisRoundTripMicros(redisUrl);
    say(
      'baseline (b) what bounds it',
      `${tutorial.roundTripsPerMessage.toFixed(2)} sequential Redis round trips per event, ` +
        `${Math.round(roundTrip)} µs each (PING p50); ${Math.round(tutorial.coreShare * 100)}% of one core busy`,
    );
    say('ratio pipeline / raw', `${(pipelineRate / raw.rate).toFixed(2)} (target >= 0.5)`);
    say('ratio pipeline / tutorial', `${(pipelineRate / tutorial.rate).toFixed(1)}x (target >= 10x)`);

    // Latency at a fixed offered load of half the measured maximum, on fresh topics.
    const lprefix = `bench-${run}-lat.`;
    await createTopics(kafka, lprefix);
    // As many processors as the throughput run had: half of what they carry together.
    const lats = await Promise.all(
      Array.from({ length: instances }, () => startProcessor(brokers, redis, lprefix, `${redisPrefix}lat:`)),
    );
    await Promise.all(lats.map(joinedAt));
    const lat = lats[0];
    const offered = Math.max(1, Math.floor(pipelineRate * loadFraction));
    const offeredSeconds = warmupSeconds + latencySeconds;
    const stream = new JourneySimulator({
      laterSessions,
      customers: Math.ceil((offered * offeredSeconds) / (events.length / customers)) + 1,
      seed: 7,
      customerPrefix: 'l-',
    })
      .generate()
      .slice(0, offered * offeredSeconds);
    // Serialised up front: the load generator shares the machine, so it should spend its CPU sending.
    const records = stream.map((e) => topicMessage(e.topic, e.key, e.envelope));
    const publisher = new KafkaPublisher(kafka, { topicPrefix: lprefix });
    await publisher.connect();
    const t0 = Date.now();
    const tick = 20;
    for (let sent = 0; sent < stream.length;) {
      const due = Math.min(
        stream.length,
        Math.floor(((Date.now() - t0) / 1000) * offered) + Math.ceil((offered * tick) / 1000),
      );
      if (due > sent) {
        await publisher.publish(records.slice(sent, due));
        sent = due;
      }
      await sleep(tick);
    }
    await publisher.disconnect();
    while (
      (await groupLag(
        admin,
        lat.groupId,
        ALL_INBOUND_TOPICS.map((t) => topicName(lprefix, t)),
      )) > 0
    )
      await sleep(100);
    await sleep(500);
    await Promise.all(lats.map(stopProcessor));
    const inputAt = new Map<string, number>();
    for (const t of ALL_INBOUND_TOPICS)
      for (const [id, ts] of await readTimestamps(
        kafka,
        topicName(lprefix, t),
        (v) => (JSON.parse(v.toString()) as { eventId: string }).eventId,
      ))
        inputAt.set(id, ts);
    const changes = await readTimestamps(kafka, topicName(lprefix, OUTBOUND_TOPICS.stageChanged), (v) => {
      const c = JSON.parse(v.toString()) as StageChangedEventV1;
      return `${c.causingEventId}\u0000${c.eventId}`;
    });
    const measuredFrom = t0 + warmupSeconds * 1000;
    const latencies: number[] = [];
    for (const [key, appendedAt] of changes) {
      const inputAppendedAt = inputAt.get(key.split('\u0000')[0] ?? '');
      if (inputAppendedAt !== undefined && inputAppendedAt >= measuredFrom)
        latencies.push(appendedAt - inputAppendedAt);
    }
    latencies.sort((a, b) => a - b);
    say(
      'latency offered load',
      `${formatRate(offered)} (${Math.round(loadFraction * 100)}% of max) for ${warmupSeconds} s warm-up + ` +
        `${latencySeconds} s measured (${latencies.length} stage changes)`,
    );
    say(
      'latency p50 / p95 / p99 (append -> append)',
      `${percentile(latencies, 50)} / ${percentile(latencies, 95)} / ${percentile(latencies, 99)} ms (target p99 <= 50 ms)`,
    );
    cleanups.push(async () => {
      const all = await admin.listTopics();
      await admin.deleteTopics({ topics: all.filter((t) => t.startsWith(lprefix)) });
    });
  } finally {
    for (const c of cleanups) await c().catch(() => undefined);
    await deletePrefix(redis, redisPrefix);
    await redis.close();
    if (redis.env.REDIS_CLUSTER_NODES !== undefined) {
      // The tutorial baseline always writes to the standalone server.
      const standalone = benchRedis(redisUrl, undefined);
      await deletePrefix(standalone, redisPrefix);
      await standalone.close();
    }
    const all = await admin.listTopics();
    await admin.deleteTopics({ topics: all.filter((t) => t.startsWith(prefix)) });
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
