import { DEAD_LETTER_TOPIC, INBOUND_TOPICS, type DeadLetterEventV1 } from '@pipeline/contracts';
import {
  DeadLetters,
  TopicMessageSizeLimit,
  publishDeadLetters,
  type DeadLetterRecord,
} from '@pipeline/dead-letters';
import {
  KafkaPublisher,
  createKafkaClient,
  ensureTopics,
  murmur2,
  topicName,
  type InboundMessage,
} from '@pipeline/kafka';
import { testInfra, testNamespace } from '@pipeline/testing';
import type { Kafka } from 'kafkajs';
import { createHash } from 'node:crypto';
import { topicContents } from './topic-contents.fixture';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const reason = { code: 'NOT_JSON', message: 'value is not JSON' } as const;
const silent = { log: () => undefined, warn: () => undefined, error: jest.fn() };

describe('dead letters on the real broker', () => {
  let kafka: Kafka;
  const publishers: KafkaPublisher[] = [];

  beforeAll(() => {
    kafka = createKafkaClient({ brokers: testInfra().kafkaBrokers, clientId: 'dead-letters-e2e' });
  });

  afterAll(async () => {
    await Promise.all(publishers.map((p) => p.disconnect()));
  });

  async function world(label: string, deadLetterTopicConfig: Record<string, string> = {}) {
    const { topicPrefix } = testNamespace(label);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: topicName(topicPrefix, DEAD_LETTER_TOPIC),
          numPartitions: 3,
          configEntries: Object.entries(deadLetterTopicConfig).map(([name, value]) => ({ name, value })),
        },
      ],
    });
    await admin.disconnect();
    await ensureTopics(kafka, topicPrefix, [INBOUND_TOPICS.conversion], {
      partitions: 6,
      replicationFactor: 1,
    });
    const sizeLimit = new TopicMessageSizeLimit(kafka, topicName(topicPrefix, DEAD_LETTER_TOPIC), {
      logger: silent,
    });
    const publisher = new KafkaPublisher(kafka, { topicPrefix, retries: 1 });
    await publisher.connect();
    publishers.push(publisher);
    return { topicPrefix, sizeLimit, publisher, deadLetters: new DeadLetters({ topicPrefix, sizeLimit }) };
  }

  const message = (key: Buffer, value: Buffer): InboundMessage => ({
    key,
    value,
    offset: '12',
    timestamp: '1772366400000',
    headers: {},
    rawHeaders: [{ name: 'bin', value: Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]) }],
  });

  it('takes a dead letter of a 400 KB key and a 400 KB value: prefix, size and SHA-256 of each', async () => {
    const { topicPrefix, sizeLimit, publisher, deadLetters } = await world('dlq-huge');
    expect(await sizeLimit.refresh()).toBe(1_048_588);
    const key = Buffer.alloc(400 * 1024, 0x6b);
    const value = Buffer.alloc(400 * 1024, 0x76);

    const record = deadLetters.forMessage(
      { topic: INBOUND_TOPICS.conversion, partition: 4 },
      message(key, value),
      reason,
      new Date(),
    );
    silent.error.mockClear();
    await publishDeadLetters(publisher, [record], silent);
    expect(silent.error).not.toHaveBeenCalled();

    const [stored, ...more] = await topicContents(kafka, topicName(topicPrefix, DEAD_LETTER_TOPIC));
    expect(more).toEqual([]);
    expect(stored.key?.toString()).toBe(sha256(key));
    const letter = JSON.parse(stored.value!.toString()) as DeadLetterEventV1;
    expect(letter.fallback).toBeUndefined();
    expect(letter.source).toMatchObject({
      topic: topicName(topicPrefix, INBOUND_TOPICS.conversion),
      logicalTopic: INBOUND_TOPICS.conversion,
      partition: 4,
      offset: '12',
    });
    expect(letter.original).toMatchObject({
      keyBytes: key.length,
      keySha256: sha256(key),
      keyTruncated: true,
      valueBytes: value.length,
      valueSha256: sha256(value),
      valueTruncated: true,
      headersBase64: [{ name: 'bin', valueBase64: 'AP/+gAo=' }],
      headersTruncated: false,
    });
    for (const [kept, whole] of [
      [letter.original.keyBase64, key],
      [letter.original.valueBase64, value],
    ] as const) {
      const bytes = Buffer.from(kept!, 'base64');
      expect(bytes.length).toBeGreaterThan(300 * 1024);
      expect(bytes.equals(whole.subarray(0, bytes.length))).toBe(true);
    }
  });

  it("reads the dead-letter topic's own max.message.bytes and stays under it", async () => {
    const { topicPrefix, sizeLimit, publisher, deadLetters } = await world('dlq-small', {
      'max.message.bytes': '65536',
    });
    expect(await sizeLimit.refresh()).toBe(65_536);
    const record = deadLetters.forMessage(
      { topic: INBOUND_TOPICS.conversion, partition: 0 },
      message(Buffer.alloc(100_000, 1), Buffer.alloc(100_000, 2)),
      reason,
      new Date(),
    );
    silent.error.mockClear();
    await publishDeadLetters(publisher, [record], silent);
    expect(silent.error).not.toHaveBeenCalled();
    const [stored] = await topicContents(kafka, topicName(topicPrefix, DEAD_LETTER_TOPIC));
    expect((JSON.parse(stored.value!.toString()) as DeadLetterEventV1).original).toMatchObject({
      keyTruncated: true,
      valueTruncated: true,
    });
  });

  it('writes the minimal stand-in when the broker still refuses a dead letter, and drops nothing', async () => {
    const { topicPrefix, publisher, deadLetters } = await world('dlq-refused', {
      'max.message.bytes': '65536',
    });
    // Built before the limit was read: sized for the default 1 MiB, which this topic refuses.
    const good = deadLetters.forMessage(
      { topic: INBOUND_TOPICS.conversion, partition: 1 },
      message(Buffer.from('k1'), Buffer.from('v1')),
      reason,
      new Date(),
    );
    const refused: DeadLetterRecord = deadLetters.forMessage(
      { topic: INBOUND_TOPICS.conversion, partition: 2 },
      message(Buffer.from('k2'), Buffer.alloc(300_000, 0x61)),
      reason,
      new Date(),
    );
    silent.error.mockClear();
    await publishDeadLetters(publisher, [good, refused], silent);
    expect(silent.error).toHaveBeenCalledTimes(1);

    const letters = (await topicContents(kafka, topicName(topicPrefix, DEAD_LETTER_TOPIC))).map(
      (r) => JSON.parse(r.value!.toString()) as DeadLetterEventV1,
    );
    expect(letters.map((l) => [l.source.partition, l.fallback === undefined]).sort()).toEqual([
      [1, true],
      [2, false],
    ]);
    const stand = letters.find((l) => l.fallback !== undefined)!;
    expect(stand.fallback).toMatch(/larger than the max message size/);
    expect(stand.source.topic).toBe(topicName(topicPrefix, INBOUND_TOPICS.conversion));
    expect(stand.original).toMatchObject({
      valueBytes: 300_000,
      valueSha256: sha256(Buffer.alloc(300_000, 0x61)),
      valueBase64: '',
    });
  });

  it('publishes a record with a 400 KB key without stalling, to the partition murmur2 picks', async () => {
    const { topicPrefix, publisher } = await world('dlq-long-key');
    const key = Buffer.alloc(400 * 1024, 0x6b).toString();
    const started = Date.now();
    await publisher.publish([{ topic: INBOUND_TOPICS.conversion, key, value: 'v' }]);
    expect(Date.now() - started).toBeLessThan(5_000);
    const [stored] = await topicContents(kafka, topicName(topicPrefix, INBOUND_TOPICS.conversion));
    expect(stored.partition).toBe((murmur2(Buffer.from(key)) & 0x7fffffff) % 6);
  });
});
