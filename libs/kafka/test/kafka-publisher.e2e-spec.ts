import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import {
  createKafkaClient,
  ensureTopics,
  KAFKA_CLIENT,
  KafkaModule,
  KafkaPublisher,
  topicName,
} from '@pipeline/kafka';
import { testConnection, uniqueSuffix, waitFor } from './kafka-e2e.fixture';

interface Received {
  readonly topic: string;
  readonly partition: number;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Record<string, string>;
}

describe(KafkaPublisher.name, () => {
  const CLV = 'kafka-e2e.clv.v1';
  const STAGE = 'kafka-e2e.stage-changed.v1';
  let kafka: Kafka;
  let admin: Admin;
  let consumers: Consumer[] = [];

  beforeAll(async () => {
    kafka = createKafkaClient(testConnection('kafka-publisher-e2e'));
    admin = kafka.admin();
    await admin.connect();
  });

  afterEach(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    consumers = [];
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  /** Everything that arrives on the physical topics, read with a plain kafkajs consumer. */
  async function readAll(topics: string[]): Promise<Received[]> {
    const received: Received[] = [];
    const consumer = kafka.consumer({ groupId: `reader-${uniqueSuffix()}`, maxWaitTimeInMs: 200 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        received.push({
          topic,
          partition,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers,
        });
        return Promise.resolve();
      },
    });
    return received;
  }

  it('publishes to several topics in one call, keeping keys, values, headers and key order', async () => {
    const prefix = `t-${uniqueSuffix()}-`;
    await ensureTopics(kafka, prefix, [CLV, STAGE], { partitions: 3, replicationFactor: 1 });
    const publisher = new KafkaPublisher(kafka, { topicPrefix: prefix });
    await publisher.connect();
    try {
      await publisher.publish([
        { topic: CLV, key: 'cust-1', value: 'clv-1', headers: { 'event-id': 'e-1' } },
        { topic: STAGE, key: 'cust-1', value: Buffer.from('stage-1') },
        { topic: CLV, key: 'cust-1', value: 'clv-2' },
        { topic: CLV, key: null, value: 'clv-unkeyed' },
      ]);
    } finally {
      await publisher.disconnect();
    }

    const received = await readAll([topicName(prefix, CLV), topicName(prefix, STAGE)]);
    await waitFor('four records', () => (received.length >= 4 ? true : undefined));
    const clv = received.filter((record) => record.topic === topicName(prefix, CLV));
    expect(clv.filter((record) => record.key === 'cust-1').map((record) => record.value)).toEqual([
      'clv-1',
      'clv-2',
    ]);
    expect(clv.find((record) => record.value === 'clv-1')?.headers).toEqual({ 'event-id': 'e-1' });
    expect(received.find((record) => record.topic === topicName(prefix, STAGE))).toMatchObject({
      key: 'cust-1',
      value: 'stage-1',
    });
    expect(clv.find((record) => record.value === 'clv-unkeyed')?.key).toBeNull();
  });

  it('rejects when the brokers do not accept the records', async () => {
    const publisher = new KafkaPublisher(kafka, { topicPrefix: `t-${uniqueSuffix()}-`, retries: 1 });
    await publisher.connect();
    try {
      // Not created, and the publisher never asks the broker to auto-create topics.
      await expect(publisher.publish([{ topic: CLV, key: 'k', value: 'v' }])).rejects.toThrow();
    } finally {
      await publisher.disconnect();
    }
  });
});

describe(ensureTopics.name, () => {
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    kafka = createKafkaClient(testConnection('ensure-topics-e2e'));
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  it('creates missing topics once, even when called concurrently and again', async () => {
    const prefix = `t-${uniqueSuffix()}-`;
    const logical = ['kafka-e2e.x.v1', 'kafka-e2e.y.v1'];
    const layout = { partitions: 4, replicationFactor: 1 };
    await Promise.all([1, 2, 3].map(() => ensureTopics(kafka, prefix, logical, layout)));
    await ensureTopics(kafka, prefix, logical, layout);

    const physical = logical.map((topic) => topicName(prefix, topic));
    const { topics } = await admin.fetchTopicMetadata({ topics: physical });
    expect(topics.map((topic) => [topic.name, topic.partitions.length]).sort()).toEqual(
      physical.map((name) => [name, 4]).sort(),
    );
  });

  it('leaves an existing topic as it is', async () => {
    const prefix = `t-${uniqueSuffix()}-`;
    await ensureTopics(kafka, prefix, ['kafka-e2e.z.v1'], { partitions: 2, replicationFactor: 1 });
    await ensureTopics(kafka, prefix, ['kafka-e2e.z.v1'], { partitions: 6, replicationFactor: 1 });
    const { topics } = await admin.fetchTopicMetadata({ topics: [topicName(prefix, 'kafka-e2e.z.v1')] });
    expect(topics[0]?.partitions).toHaveLength(2);
  });
});

describe(KafkaModule.name, () => {
  it('connects the publisher on init and disconnects it on close (forRootAsync)', async () => {
    const prefix = `t-${uniqueSuffix()}-`;
    const topic = 'kafka-e2e.module.v1';

    @Module({
      imports: [
        KafkaModule.forRootAsync({
          useFactory: () => ({ connection: testConnection('kafka-module-e2e'), topicPrefix: prefix }),
        }),
      ],
    })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    const publisher = app.get(KafkaPublisher);
    const kafka = app.get<Kafka>(KAFKA_CLIENT);
    await ensureTopics(kafka, prefix, [topic], { partitions: 1, replicationFactor: 1 });
    await publisher.publish([{ topic, key: 'k', value: 'v' }]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchTopicOffsets(topicName(prefix, topic));
      expect(offsets?.high).toBe('1');
    } finally {
      await admin.disconnect();
    }

    await app.close();
    await expect(publisher.publish([{ topic, key: 'k', value: 'v' }])).rejects.toThrow(/disconnected/);
  });

  it('forRoot provides the same through static options', async () => {
    @Module({ imports: [KafkaModule.forRoot({ connection: testConnection('kafka-module-e2e') })] })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    try {
      expect(app.get(KafkaPublisher)).toBeInstanceOf(KafkaPublisher);
    } finally {
      await app.close();
    }
  });
});
