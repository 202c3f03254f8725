#!/usr/bin/env node
// Waits until a Kafka broker really answers a client request (describeCluster through
// kafkajs), not merely until its port is open. Used by scripts/infra/kafka.sh.
//
// Usage: node scripts/infra/kafka-ready.mjs [--brokers host:port[,host:port]] [--timeout-ms N]
//                                           [--once] [--pid PID] [--log FILE]
//   --brokers     default $KAFKA_BROKERS, else 127.0.0.1:19092
//   --timeout-ms  overall deadline, default 90000 (ignored with --once)
//   --once        a single attempt (used to ask "is a broker already here?")
//   --pid         give up early if this process dies (the broker we just started)
//   --log         on failure, print the tail of this file (the broker log) to stderr
// Exit 0 when ready, 1 otherwise. Prints only to stderr.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

let Kafka, logLevel;
try {
  ({ Kafka, logLevel } = await import('kafkajs'));
} catch (err) {
  process.stderr.write(
    `kafka-ready: cannot load kafkajs (${err.code ?? err.message}); run \`npm ci\` in the repo root first\n`,
  );
  process.exit(1);
}

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const brokers = opt('brokers', process.env.KAFKA_BROKERS || '127.0.0.1:19092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const once = args.includes('--once');
const timeoutMs = Number(opt('timeout-ms', '90000'));
const pid = opt('pid', undefined);
const logFile = opt('log', undefined);

const log = (msg) => process.stderr.write(`kafka-ready: ${msg}\n`);

const alive = (p) => {
  try {
    process.kill(Number(p), 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};

const tail = (file, lines = 40) => {
  try {
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
};

async function attempt() {
  const kafka = new Kafka({
    clientId: 'kafka-ready',
    brokers,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (!cluster.brokers?.length) throw new Error('describeCluster returned no brokers');
    return cluster;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

const started = Date.now();
let lastError = 'no attempt made';
let tries = 0;
for (;;) {
  tries += 1;
  try {
    const cluster = await attempt();
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log(
      `ready after ${secs}s (${tries} tries): cluster ${cluster.clusterId}, ` +
        `brokers ${cluster.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(' ')}`,
    );
    process.exit(0);
  } catch (err) {
    lastError = err?.message ?? String(err);
  }
  if (once) break;
  if (pid && !alive(pid)) {
    lastError = `broker process ${pid} exited (last client error: ${lastError})`;
    break;
  }
  if (Date.now() - started >= timeoutMs) {
    lastError = `timed out after ${timeoutMs} ms (last client error: ${lastError})`;
    break;
  }
  await sleep(500);
}

if (!once) {
  log(`broker at ${brokers.join(',')} NOT ready: ${lastError}`);
  if (logFile) process.stderr.write(`--- last lines of ${logFile} ---\n${tail(logFile)}\n---\n`);
}
process.exit(1);
