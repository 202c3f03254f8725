import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import Redis, { Cluster } from 'ioredis';
import { Admin } from 'kafkajs';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** Resident set size of a process in bytes, from /proc. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

export async function groupLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  let lag = 0;
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const end of ends) {
      const c = committed?.partitions.find((p) => p.partition === end.partition);
      lag += Number(end.high) - (c && Number(c.offset) >= 0 ? Number(c.offset) : Number(end.low));
    }
  }
  return lag;
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status > 0) return;
    } catch {
      // not yet listening
    }
    await sleep(20);
  }
  throw new Error(`${url} did not answer in ${timeoutMs} ms`);
}

/** Runs a Node script; BENCH_NODE_ARGS adds flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
export function spawnNode(script: string, env: Record<string, string>): ChildProcess {
  const flags = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...flags, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
}

/**
 * The pid of the Kafka broker the project's script started (`.infra/kafka/broker.pid`), if it runs on
 * this machine: its CPU is part of what one event costs.
 */
export function localBrokerPid(): number | undefined {
  try {
    const pid = Number(readFileSync(resolve(__dirname, '../.infra/kafka/broker.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}/stat`) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) the Redis servers have used since they started, from INFO cpu. */
export async function redisCpuSeconds(redis: BenchRedis): Promise<number> {
  return (await infoSum(redis, 'cpu', 'used_cpu_user')) + (await infoSum(redis, 'cpu', 'used_cpu_sys'));
}

/** The Redis the pipeline runs on in a bench: one server, or the masters of a cluster. */
export interface BenchRedis {
  /** Environment that points a processor at it. */
  readonly env: Readonly<Record<string, string>>;
  /** Routes single-key commands (MEMORY USAGE) to the right node. */
  readonly keys: Redis | Cluster;
  /** One connection per server holding data (for INFO, SCAN). */
  servers(): Promise<Redis[]>;
  close(): Promise<void>;
}

/** A standalone server at `url`, or a cluster seeded by `clusterNodes` (`host:port,...`). */
export function benchRedis(url: string, clusterNodes: string | undefined): BenchRedis {
  if (clusterNodes === undefined || clusterNodes === '') {
    const redis = new Redis(url);
    return {
      env: { REDIS_URL: url },
      keys: redis,
      servers: () => Promise.resolve([redis]),
      close: async () => {
        await redis.quit();
      },
    };
  }
  const seeds = clusterNodes.split(',').map((seed) => {
    const [host = '127.0.0.1', port = '6379'] = seed.split(':');
    return { host, port: Number(port) };
  });
  const cluster = new Cluster(seeds);
  return {
    env: { REDIS_CLUSTER_NODES: clusterNodes },
    keys: cluster,
    servers: async () => {
      if (cluster.status !== 'ready') await new Promise((ready) => cluster.once('ready', ready));
      return cluster.nodes('master');
    },
    close: async () => {
      await cluster.quit();
    },
  };
}

/** Sum of a numeric INFO field over every server. */
export async function infoSum(redis: BenchRedis, section: string, field: string): Promise<number> {
  let sum = 0;
  for (const server of await redis.servers()) {
    const info = await server.info(section);
    sum += Number(new RegExp(`${field}:([0-9.]+)`).exec(info)?.[1] ?? Number.NaN);
  }
  return sum;
}

/** Deletes every key under `prefix` on every server, one key per UNLINK (cluster slots differ). */
export async function deletePrefix(redis: BenchRedis, prefix: string): Promise<void> {
  for (const server of await redis.servers()) {
    let cursor = '0';
    do {
      const [next, keys] = await server.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5_000);
      if (keys.length > 0) {
        const pipeline = server.pipeline();
        for (const key of keys) pipeline.unlink(key);
        await pipeline.exec();
      }
      cursor = next;
    } while (cursor !== '0');
  }
}

/** Median time of one Redis round trip (sequential PINGs on a fresh connection), in microseconds. */
export async function redisRoundTripMicros(url: string, pings = 2_000): Promise<number> {
  const redis = new Redis(url);
  try {
    for (let i = 0; i < 200; i += 1) await redis.ping();
    const times: number[] = [];
    for (let i = 0; i < pings; i += 1) {
      const start = process.hrtime.bigint();
      await redis.ping();
      times.push(Number(process.hrtime.bigint() - start) / 1_000);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? Number.NaN;
  } finally {
    await redis.quit();
  }
}
