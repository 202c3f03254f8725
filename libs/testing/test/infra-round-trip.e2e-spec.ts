import { INBOUND_TOPICS, parseJourneyEvent } from '@pipeline/contracts';
import { envelope, testInfra, testNamespace } from '@pipeline/testing';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';

/**
 * The foundation's smoke test: a real event crosses the real broker, is validated by the contract
 * library and lands in the real Redis.
 */
describe('infrastructure round trip', () => {
  const infra = testInfra();
  const ns = testNamespace('roundtrip');
  const topic = `${ns.topicPrefix}${INBOUND_TOPICS.conversion}`;
  const kafka = new Kafka({ clientId: ns.id, brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });
  const redis = new Redis(infra.redisUrl);

  afterAll(async () => {
    const keys = await redis.keys(`${ns.redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('carries an order from Kafka into Redis with its amount in minor units', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();

    const sent = envelope('order_placed', {
      customerId: 'cust-rt',
      properties: { orderId: 'o-rt', amount: '123.45', currency: 'EUR' },
    });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: sent.customerId, value: JSON.stringify(sent) }],
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: ns.groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const stored = new Promise<string>((resolve, reject) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const parsed = parseJourneyEvent(message.value, { topic: INBOUND_TOPICS.conversion });
          if (!parsed.ok || parsed.event.type !== 'order_placed')
            return reject(new Error('event did not parse'));
          const key = `${ns.redisPrefix}{${parsed.event.customerId}}`;
          await redis.hset(key, 'netMinor', parsed.event.properties.amount.minor);
          resolve(key);
        },
      });
    });
    const key = await stored;
    await consumer.disconnect();

    expect(key).toBe(`${ns.redisPrefix}{cust-rt}`);
    expect(await redis.hget(key, 'netMinor')).toBe('12345');
  });
});
