import { ALL_INBOUND_TOPICS } from '@pipeline/contracts';
import { KafkaPublisher, createKafkaClient } from '@pipeline/kafka';
import { createRedisClient } from '@pipeline/redis-store';
import { OwnedRedis, envelope } from '@pipeline/testing';
import { ProcessorFixture } from './processor-fixture';

/**
 * The local broker (scripts/infra/kafka.sh) has a second listener that authenticates with SCRAM;
 * KAFKA_SCRAM_BROKERS names it. These tests connect through it with good and bad credentials, and
 * run the processor against it and against a Redis that requires an ACL user.
 */
/** A Redis whose default user is off: only the ACL user `journey` / `redis-secret` gets in. */
const ACL_ONLY_REDIS = [
  '--user',
  'default',
  'off',
  '--user',
  'journey',
  'on',
  '>redis-secret',
  '~*',
  '&*',
  '+@all',
];

describe('secure connections', () => {
  const scramBrokers = (process.env.KAFKA_SCRAM_BROKERS ?? '127.0.0.1:19094').split(',');
  const username = process.env.KAFKA_SCRAM_USER ?? 'pipeline';
  const password = process.env.KAFKA_SCRAM_PASSWORD ?? 'pipeline-scram-secret';
  const topic = `t-${process.env.PIPELINE_TEST_RUN_ID ?? 'local'}-sasl-${Date.now()}`;

  it.each(['scram-sha-256', 'scram-sha-512'] as const)(
    'publishes through %s with good credentials',
    async (mechanism) => {
      const client = createKafkaClient({
        brokers: scramBrokers,
        clientId: 'sasl-test',
        sasl: { mechanism, username, password },
      });
      const admin = client.admin();
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic: `${topic}-${mechanism}`, numPartitions: 1 }],
        waitForLeaders: true,
      });
      const publisher = new KafkaPublisher(client);
      await publisher.connect();
      await publisher.publish([{ topic: `${topic}-${mechanism}`, key: 'k', value: 'v' }]);
      await publisher.disconnect();
      const [offsets] = await admin.fetchTopicOffsets(`${topic}-${mechanism}`);
      await admin.disconnect();
      expect(offsets?.high).toBe('1');
    },
  );

  it('refuses a wrong password', async () => {
    const client = createKafkaClient({
      brokers: scramBrokers,
      clientId: 'sasl-test-bad',
      sasl: { mechanism: 'scram-sha-256', username, password: `${password}-wrong` },
      connectionTimeout: 3_000,
    });
    const publisher = new KafkaPublisher(client, { retries: 1 });
    await expect(publisher.connect()).rejects.toThrow(/SASL|authenticat/i);
    await publisher.disconnect().catch(() => undefined);
  });

  it('refuses a Redis client with a wrong password, and accepts the ACL user', async () => {
    const redis = await OwnedRedis.start(ACL_ONLY_REDIS);
    try {
      const good = createRedisClient({ url: redis.url, username: 'journey', password: 'redis-secret' });
      expect(await good.ping()).toBe('PONG');
      await expect(good.call('AUTH', 'journey', 'not-the-password')).rejects.toThrow(/WRONGPASS/);
      await expect(good.call('AUTH', 'default', '')).rejects.toThrow(/WRONGPASS/);
      await good.quit();
    } finally {
      await redis.dispose();
    }
  });

  describe('the processor on SCRAM and Redis ACL', () => {
    let redis: OwnedRedis;
    let fixture: ProcessorFixture;

    beforeAll(async () => {
      redis = await OwnedRedis.start(ACL_ONLY_REDIS);
      fixture = new ProcessorFixture('secure', {
        KAFKA_BROKERS: scramBrokers.join(','),
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: username,
        KAFKA_SASL_PASSWORD: password,
        REDIS_URL: `redis://journey:redis-secret@127.0.0.1:${redis.port}`,
      });
      await fixture.start();
    });

    afterAll(async () => {
      await fixture.dispose();
      await redis.dispose();
    });

    it('consumes and stores an event end to end', async () => {
      // The observer side (the test's producer) uses the plain listener of the same broker.
      await fixture.kafka.publishEnvelopes([
        envelope('ad_click', { customerId: 'secure-1', eventId: 'secure-e1' }),
      ]);
      await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
      const { status, body } = await fixture.journey('secure-1');
      expect([status, body.currentStage]).toEqual([200, 'awareness']);
    });
  });
});
