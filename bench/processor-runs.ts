/**
 * The built journey processor as a child process of the benchmark: starting it, knowing when it joined
 * its group, and one throughput run on a published backlog.
 */
import { ALL_INBOUND_TOPICS, OUTBOUND_TOPICS } from '@pipeline/contracts';
import { topicName } from '@pipeline/kafka';
import { SimulatedEvent } from '@pipeline/journey-simulator';
import { Admin } from 'kafkajs';
import { resolve } from 'node:path';
import {
  BenchRedis,
  cpuSeconds,
  freePort,
  groupLag,
  infoSum,
  localBrokerPid,
  redisCpuSeconds,
  rssBytes,
  sleep,
  spawnNode,
  waitForHttp,
} from './bench-support';

const PROCESSOR =
  process.env.PIPELINE_PROCESSOR_MAIN ??
  resolve(__dirname, '../dist/apps/journey-processor/apps/journey-processor/src/main.js');

export interface ProcessorRun {
  readonly child: ReturnType<typeof spawnNode>;
  readonly groupId: string;
  readonly port: number;
}

/**
 * When the processor joined its group, by its own readiness report. Consumption starts right there:
 * with a backlog waiting, the first unit can be done before anything outside could see it.
 */
export async function joinedAt(run: ProcessorRun): Promise<number> {
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

export async function startProcessor(
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

export async function stopProcessor(run: ProcessorRun): Promise<void> {
  const exited = new Promise((r) => run.child.once('exit', r));
  run.child.kill('SIGTERM');
  await exited;
}

export interface PipelineMeasurement {
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
export interface PipelineRun {
  readonly rate: number;
  readonly cpu: number;
  readonly redisCpu: number;
  readonly brokerCpu: number;
  readonly peakRss: number;
  readonly derived: number;
  readonly memoryDelta: number;
  readonly hashBytes: number;
}

export function perEventText(seconds: number, events: number): string {
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
export async function measurePipeline(m: PipelineMeasurement): Promise<PipelineRun> {
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
