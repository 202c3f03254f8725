import { PipelineEnv, kafkaConnectionFromEnv, loadEnv, redisConnectionFromEnv } from '@pipeline/app-config';
import { ALL_INBOUND_TOPICS } from '@pipeline/contracts';
import { KafkaPublisher, createKafkaClient } from '@pipeline/kafka';
import { createRedisClient } from '@pipeline/redis-store';
import { OwnedRedis, envelope, freePort } from '@pipeline/testing';
import { dirname, join } from 'node:path';
import { ProcessorFixture } from './processor-fixture';

/**
 * The local broker (scripts/infra/kafka.sh) has a second listener that authenticates with SCRAM
 * (KAFKA_SCRAM_BROKERS) and a third that speaks TLS with a certificate from a throwaway CA
 * (KAFKA_TLS_BROKERS, KAFKA_TLS_CA_FILE; the broker's PEM key and certificate sit beside the CA).
 * These tests connect through them with good and bad credentials and CAs, and run the processor
 * against each: SCRAM with a Redis that requires an ACL user, TLS to both Kafka and Redis.
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

  describe('TLS', () => {
    const tlsBrokers = process.env.KAFKA_TLS_BROKERS ?? '';
    const caFile = process.env.KAFKA_TLS_CA_FILE ?? '';
    const tlsEnv = (vars: Record<string, string>): PipelineEnv =>
      loadEnv(PipelineEnv, {
        KAFKA_BROKERS: '127.0.0.1:19092',
        REDIS_URL: 'redis://127.0.0.1:6379',
        ...vars,
      });

    beforeAll(() => {
      if (!tlsBrokers || !caFile)
        throw new Error(
          'KAFKA_TLS_BROKERS / KAFKA_TLS_CA_FILE are unset: start the broker with scripts/infra/kafka.sh',
        );
    });

    it('publishes through the TLS listener, verifying the broker against KAFKA_TLS_CA_FILE', async () => {
      const env = tlsEnv({ KAFKA_BROKERS: tlsBrokers, KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: caFile });
      const client = createKafkaClient(kafkaConnectionFromEnv(env, 'tls-test'));
      const admin = client.admin();
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic: `${topic}-tls`, numPartitions: 1 }],
        waitForLeaders: true,
      });
      const publisher = new KafkaPublisher(client);
      await publisher.connect();
      await publisher.publish([{ topic: `${topic}-tls`, key: 'k', value: 'v' }]);
      await publisher.disconnect();
      const [offsets] = await admin.fetchTopicOffsets(`${topic}-tls`);
      await admin.disconnect();
      expect(offsets?.high).toBe('1');
    });

    it('refuses the TLS listener when only the system CAs are trusted', async () => {
      const env = tlsEnv({ KAFKA_BROKERS: tlsBrokers, KAFKA_TLS: 'true' });
      const client = createKafkaClient({
        ...kafkaConnectionFromEnv(env, 'tls-test-untrusted'),
        connectionTimeout: 3_000,
      });
      const publisher = new KafkaPublisher(client, { retries: 1 });
      await expect(publisher.connect()).rejects.toThrow(/certificate|self.signed|verify/i);
      await publisher.disconnect().catch(() => undefined);
    });

    describe('the processor over TLS to Kafka and to Redis', () => {
      let redis: OwnedRedis;
      let tlsPort: number;
      let fixture: ProcessorFixture;

      beforeAll(async () => {
        tlsPort = await freePort();
        const material = dirname(caFile);
        // The broker's certificate is for 127.0.0.1, so the local Redis can present it too.
        redis = await OwnedRedis.start([
          '--tls-port',
          String(tlsPort),
          '--tls-cert-file',
          join(material, 'broker.pem'),
          '--tls-key-file',
          join(material, 'broker.pk8'),
          '--tls-ca-cert-file',
          caFile,
          '--tls-auth-clients',
          'no',
        ]);
        fixture = new ProcessorFixture(
          'tls',
          {
            KAFKA_BROKERS: tlsBrokers,
            KAFKA_TLS: 'true',
            KAFKA_TLS_CA_FILE: caFile,
            REDIS_URL: `rediss://127.0.0.1:${tlsPort}`,
            REDIS_TLS_CA_FILE: caFile,
          },
          redis.url,
        );
        await fixture.start();
      });

      afterAll(async () => {
        await fixture.dispose();
        await redis.dispose();
      });

      it('verifies Redis against REDIS_TLS_CA_FILE, and refuses it with the system CAs only', async () => {
        const env = { REDIS_URL: `rediss://127.0.0.1:${tlsPort}` };
        const trusted = createRedisClient(
          redisConnectionFromEnv(tlsEnv({ ...env, REDIS_TLS_CA_FILE: caFile }), 't'),
        );
        expect(await trusted.ping()).toBe('PONG');
        await trusted.quit();
        const untrusted = createRedisClient({
          ...redisConnectionFromEnv(tlsEnv(env), 'u'),
          maxRetriesPerRequest: 0,
        });
        const refused = new Promise<Error>((resolve) => untrusted.once('error', resolve));
        expect((await refused).message).toMatch(/certificate|self.signed|verify/i);
        untrusted.disconnect();
      });

      it('consumes and stores an event end to end', async () => {
        // The observer side (the test's producer and Redis reader) uses the plain ports.
        await fixture.kafka.publishEnvelopes([
          envelope('ad_click', { customerId: 'tls-1', eventId: 'tls-e1' }),
        ]);
        await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
        const { status, body } = await fixture.journey('tls-1');
        expect([status, body.currentStage]).toEqual([200, 'awareness']);
        expect(await fixture.redis.exists(`${fixture.ns.redisPrefix}j:{tls-1}`)).toBe(1);
      });
    });
  });
});
