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
} from '@pipeline/contracts';
import { KafkaPublisher, createKafkaClient, topicName } from '@pipeline/kafka';
import { JourneySimulator, SimulatedEvent } from '@pipeline/journey-simulator';
import { Admin, Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { rawConsumeRate, tutorialRate } from './baselines';
import {
  benchRedis,
  BenchRedis,
  cpuSeconds,
  deletePrefix,
  formatRate,
  freePort,
  groupLag,
  infoSum,
  localBrokerPid,
  redisCpuSeconds,
  redisRoundTripMicros,
  rssBytes,
  sleep,
  spawnNode,
  waitForHttp,
} from './bench-support';

const PROCESSOR =
  process.env.PIPELINE_PROCESSOR_MAIN ??
  resolve(__dirname, '../dist/apps/journey-processor/apps/journey-processor/src/main.js');
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
    await publisher.publish(
      events
        .slice(i, i + 5_000)
        .map((e) => ({ topic: e.topic, key: e.key, value: JSON.stringify(e.envelope) })),
    );
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

interface ProcessorRun {
  readonly child: ReturnType<typeof spawnNode>;
  readonly groupId: string;
  readonly port: number;
}

/**
 * When the processor joined its group, by its own readiness report. Consumption starts right there:
 * with a backlog waiting, the first unit can be done before anything outside could see it.
 */
async function joinedAt(run: ProcessorRun): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const response = await fetch(`http://127.0.0.1:${run.port}/health/ready`);
    const body = (await response.json()) as {
      info?: { consumer?: { state?: string; since?: string } };
      error?: { consumer?: { state?: string; since?: string } };
    };
    const consumer = body.info?.consumer ?? body.error?.consumer;
    if (consumer?.state === 'joined' && consumer.since !== undefined) return Date.parse(consumer.since);
    await sleep(20);
  }
  throw new Error('the processor did not report joining its group');
}

async function startProcessor(
  brokers: string[],
  redis: BenchRedis,
  prefix: string,
  redisPrefix: string,
  groupSuffix = '',
): Promise<ProcessorRun> {
  const port = await freePort();
  const groupId = `${prefix}group${groupSuffix}`;
  const child = spawnNode(PROCESSOR, {
    KAFKA_BROKERS: brokers.join(','),
    ...redis.env,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_GROUP_ID: groupId,
    REDIS_KEY_PREFIX: redisPrefix,
    HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
  });
  await waitForHttp(`http://127.0.0.1:${port}/customers/x/journey`, child);
  return { child, groupId, port };
}

async function stopProcessor(run: ProcessorRun): Promise<void> {
  const exited = new Promise((r) => run.child.once('exit', r));
  run.child.kill('SIGTERM');
  await exited;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface PipelineMeasurement {
  readonly brokers: string[];
  readonly redis: BenchRedis;
  readonly admin: Admin;
  readonly prefix: string;
  readonly redisPrefix: string;
  readonly groupSuffix: string;
  readonly instances: number;
  readonly events: readonly SimulatedEvent[];
  readonly customers: number;
}

/** One throughput run: CPU in seconds (NaN for a broker not on this machine), memory in bytes. */
interface PipelineRun {
  readonly rate: number;
  readonly cpu: number;
  readonly redisCpu: number;
  readonly brokerCpu: number;
  readonly peakRss: number;
  readonly derived: number;
  readonly memoryDelta: number;
  readonly hashBytes: number;
}

function perEventText(seconds: number, events: number): string {
  return Number.isFinite(seconds) ? `${((seconds / events) * 1e6).toFixed(1)} µs` : 'n/a (remote)';
}

/** Derived events on the outbound topics so far. */
async function derivedCount(admin: Admin, prefix: string): Promise<number> {
  const counts = await Promise.all(
    Object.values(OUTBOUND_TOPICS).map(async (topic) =>
      (await admin.fetchTopicOffsets(topicName(prefix, topic))).reduce(
        (sum, p) => sum + Number(p.high) - Number(p.low),
        0,
      ),
    ),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/** Starts the processors on the published backlog and measures them until the group lag is 0. */
async function measurePipeline(m: PipelineMeasurement): Promise<PipelineRun> {
  const { admin, redis, events } = m;
  const physical = ALL_INBOUND_TOPICS.map((t) => topicName(m.prefix, t));
  const memoryBefore = await infoSum(redis, 'memory', 'used_memory');
  const derivedBefore = await derivedCount(admin, m.prefix);
  const brokerPid = localBrokerPid();
  const procs = await Promise.all(
    Array.from({ length: m.instances }, () =>
      startProcessor(m.brokers, redis, m.prefix, m.redisPrefix, m.groupSuffix),
    ),
  );
  const cpuOfProcessors = () => procs.reduce((sum, p) => sum + cpuSeconds(p.child.pid!), 0);
  // CPU from the moment the APIs answer (boot excluded; the few ms since the join are missed),
  // time from the moment the first processor joined the group.
  const cpuAtStart = cpuOfProcessors();
  const brokerCpuAtStart = brokerPid === undefined ? 0 : cpuSeconds(brokerPid);
  const redisCpuAtStart = await redisCpuSeconds(redis);
  const started = Math.min(...(await Promise.all(procs.map(joinedAt))));
  const groupId = procs[0].groupId;
  let peakRss = 0;
  for (;;) {
    const lag = await groupLag(admin, groupId, physical);
    peakRss = Math.max(peakRss, ...procs.map((p) => rssBytes(p.child.pid!)));
    if (lag === 0) break;
    await sleep(50);
  }
  const elapsedMs = Date.now() - started;
  const cpu = cpuOfProcessors() - cpuAtStart;
  const brokerCpu = brokerPid === undefined ? Number.NaN : cpuSeconds(brokerPid) - brokerCpuAtStart;
  const redisCpu = (await redisCpuSeconds(redis)) - redisCpuAtStart;
  await Promise.all(procs.map(stopProcessor));
  const derived = (await derivedCount(admin, m.prefix)) - derivedBefore;
  const memoryAfter = await infoSum(redis, 'memory', 'used_memory');
  const sample = [...new Set(events.map((e) => e.key))].slice(0, 2_000);
  let sampled = 0;
  for (const id of sample)
    sampled += Number(await redis.keys.call('MEMORY', 'USAGE', `${m.redisPrefix}j:{${id}}`, 'SAMPLES', '0'));
  return {
    rate: (events.length / elapsedMs) * 1000,
    cpu,
    redisCpu,
    brokerCpu,
    peakRss,
    derived,
    memoryDelta: memoryAfter - memoryBefore,
    hashBytes: sampled / sample.length,
  };
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
    const records = stream.map((e) => ({ topic: e.topic, key: e.key, value: JSON.stringify(e.envelope) }));
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
