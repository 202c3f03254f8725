import { DEAD_LETTER_TOPIC, INBOUND_TOPICS, type Rejection } from '@pipeline/contracts';
import { DeadLetters, FixedMessageSizeLimit, type ReplayReport } from '@pipeline/dead-letters';
import {
  KafkaPublisher,
  Murmur2Partitioner,
  createKafkaClient,
  ensureTopics,
  topicName,
  type InboundHeader,
} from '@pipeline/kafka';
import { toInboundMessage } from '@pipeline/kafka/inbound-message.mapper';
import { testInfra, testNamespace } from '@pipeline/testing';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { loadAdminCliConfig } from '../src/admin-cli.config';
import { runDlqReplay } from '../src/dlq-replay.command';

const ROOT = resolve(__dirname, '../../..');
const headersOf = (o: Original): readonly InboundHeader[] => toInboundMessage(o.message).rawHeaders ?? [];
const notJson: Rejection = { code: 'NOT_JSON', message: 'value is not JSON' };
const keyMismatch: Rejection = { code: 'KEY_MISMATCH', message: 'key is not the customerId' };

interface Original {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

describe('npm run dlq:replay', () => {
  const ns = testNamespace('dlq-replay');
  const infra = testInfra();
  const env = {
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    REDIS_URL: infra.redisUrl,
    KAFKA_TOPIC_PREFIX: ns.topicPrefix,
    REDIS_KEY_PREFIX: ns.redisPrefix,
  };
  const config = loadAdminCliConfig(env);
  const conversion = topicName(ns.topicPrefix, INBOUND_TOPICS.conversion);
  const awareness = topicName(ns.topicPrefix, INBOUND_TOPICS.awareness);
  let kafka: Kafka;
  let redis: Redis;
  let since: Date;
  let originals: Original[];

  /** Every record of a topic as kafkajs hands it over, by partition then offset. */
  async function contents(topic: string): Promise<Original[]> {
    const admin = kafka.admin();
    await admin.connect();
    const total = (await admin.fetchTopicOffsets(topic)).reduce(
      (s, e) => s + Number(e.high) - Number(e.low),
      0,
    );
    await admin.disconnect();
    const found: Original[] = [];
    if (total === 0) return found;
    const consumer = kafka.consumer({ groupId: `contents-${randomUUID()}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((done) => {
      void consumer.run({
        eachMessage: ({ partition, message }) => {
          found.push({ topic, partition, message });
          if (found.length >= total) done();
          return Promise.resolve();
        },
      });
    });
    await consumer.disconnect();
    return found.sort(
      (a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset),
    );
  }

  /** What the processor does with a rejected message: a bounded dead letter, under the topic prefix. */
  async function deadLetter(originalsAndReasons: Array<[Original, Rejection]>, maxMessageBytes = 1_048_588) {
    const deadLetters = new DeadLetters({
      topicPrefix: ns.topicPrefix,
      sizeLimit: new FixedMessageSizeLimit(maxMessageBytes),
    });
    const publisher = new KafkaPublisher(kafka, { topicPrefix: ns.topicPrefix });
    await publisher.connect();
    await publisher.publish(
      originalsAndReasons.map(([o, reason]) => {
        const logical = o.topic.slice(ns.topicPrefix.length);
        return deadLetters.forMessage(
          { topic: logical, partition: o.partition },
          toInboundMessage(o.message),
          reason,
          new Date(),
        );
      }),
    );
    await publisher.disconnect();
  }

  const cli = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [
          '-r',
          'ts-node/register',
          '-r',
          'tsconfig-paths/register',
          'apps/admin-cli/src/main.ts',
          'dlq-replay',
          ...args,
        ],
        { cwd: ROOT, env: { ...process.env, ...env, TS_NODE_TRANSPILE_ONLY: '1', LOG_LEVEL: 'warn' } },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]);

  beforeAll(async () => {
    kafka = createKafkaClient({ brokers: infra.kafkaBrokers, clientId: 'dlq-replay-e2e' });
    redis = new Redis(infra.redisUrl);
    await ensureTopics(
      kafka,
      ns.topicPrefix,
      [INBOUND_TOPICS.conversion, INBOUND_TOPICS.awareness, DEAD_LETTER_TOPIC],
      {
        partitions: 3,
        replicationFactor: 1,
      },
    );
    // Originals as a producer may send them: binary headers, a repeated header, a binary key, a
    // 400 KB key with a 400 KB value.
    const producer = kafka.producer({ createPartitioner: Murmur2Partitioner });
    await producer.connect();
    const headers: IHeaders = {
      bin: binary,
      dup: [Buffer.from('first'), Buffer.from('second')],
      trace: 't-1',
    };
    await producer.send({
      topic: conversion,
      messages: [
        { key: 'cust-1', value: 'not json 1', headers, timestamp: '1772366400000' },
        { key: Buffer.from([0xc3, 0x28, 0x00]), value: Buffer.from([0x7b, 0xff]), headers: { bin: binary } },
        { key: Buffer.alloc(400 * 1024, 0x6b), value: Buffer.alloc(400 * 1024, 0x76) },
        { key: 'someone-else', value: '{"customerId":"cust-2"}' },
      ],
    });
    await producer.send({ topic: awareness, messages: [{ key: 'cust-3', value: 'not json 3' }] });
    await producer.disconnect();
    const byKey = (key: string) => (o: Original) => o.message.key?.toString() === key;
    const all = await contents(conversion);
    originals = [
      all.find(byKey('cust-1'))!,
      all.find((o) => o.message.key?.equals(Buffer.from([0xc3, 0x28, 0x00])))!,
      all.find((o) => o.message.key?.length === 400 * 1024)!,
      all.find(byKey('someone-else'))!,
      (await contents(awareness))[0],
    ];
    expect(originals.every(Boolean)).toBe(true);
    since = new Date(Date.now() - 1_000);
    await deadLetter([
      [originals[0], notJson],
      [originals[1], notJson],
      [originals[2], notJson],
      [originals[3], keyMismatch],
      [originals[4], notJson],
      // Dead-lettered twice (a unit redelivered after a crash): replayed once.
      [originals[0], notJson],
    ]);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${ns.redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('prints its usage', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run dlq:replay -- --reason <CODE> --since <ISO time>/);
  });

  it('refuses a bad command line with exit code 2', async () => {
    const { code, stderr } = await cli('--since', 'yesterday');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--since needs/);
  });

  it('publishes nothing in a dry run, and says what it would replay', async () => {
    const before = (await contents(conversion)).length;
    const { code, stdout } = await cli(
      '--reason',
      'NOT_JSON',
      '--since',
      since.toISOString(),
      '--topic',
      'journey.conversion.v1',
      '--dry-run',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ReplayReport;
    expect(report).toMatchObject({
      dryRun: true,
      matched: 4,
      replayed: 2,
      alreadyReplayed: 1,
      notReplayedByCode: { TRUNCATED: 1 },
    });
    expect((await contents(conversion)).length).toBe(before);
    expect(await redis.exists(`${ns.redisPrefix}dlq:replayed`)).toBe(0);
  });

  it('replays the originals byte for byte onto their topic and partition, and reports the truncated one', async () => {
    const before = await contents(conversion);
    const report = await runDlqReplay(config, {
      reason: 'NOT_JSON',
      since,
      topic: 'journey.conversion.v1',
      dryRun: false,
    });

    expect(report).toMatchObject({
      scanned: 6,
      matched: 4,
      replayed: 2,
      alreadyReplayed: 1,
      replayedByTopic: { [conversion]: 2 },
      notReplayedByCode: { TRUNCATED: 1 },
    });
    expect(report.notReplayed).toEqual([
      expect.objectContaining({
        source: {
          topic: conversion,
          partition: originals[2].partition,
          offset: originals[2].message.offset,
        },
        code: 'TRUNCATED',
        why: expect.stringContaining(
          `the original is at ${conversion} partition ${originals[2].partition}`,
        ) as unknown,
      }),
    ]);

    const after = await contents(conversion);
    const added = after.filter(
      (r) => !before.some((b) => b.partition === r.partition && b.message.offset === r.message.offset),
    );
    expect(added).toHaveLength(2);
    for (const original of originals.slice(0, 2)) {
      const copy = added.find((r) => r.message.key?.equals(original.message.key!));
      expect(copy?.partition).toBe(original.partition);
      expect(copy?.message.value).toEqual(original.message.value);
      expect(copy?.message.timestamp).toBe(original.message.timestamp);
      expect(headersOf(copy!)).toEqual(headersOf(original));
    }
  });

  it('publishes nothing again on a second run', async () => {
    const before = (await contents(conversion)).length;
    const report = await runDlqReplay(config, { reason: 'NOT_JSON', since, dryRun: false });
    expect(report).toMatchObject({
      matched: 5,
      replayed: 1,
      alreadyReplayed: 3,
      replayedByTopic: { [awareness]: 1 },
    });
    expect((await contents(conversion)).length).toBe(before);

    const third = await runDlqReplay(config, { reason: 'NOT_JSON', since, dryRun: false });
    expect(third).toMatchObject({ matched: 5, replayed: 0, alreadyReplayed: 4 });
  });
});
