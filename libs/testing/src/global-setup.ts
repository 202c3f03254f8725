import { randomBytes } from 'node:crypto';
import { dockerEngineAvailable, runInfraScript } from './infra-from-scripts';

type Stoppable = { stop(): Promise<unknown> };
declare global {
  var __pipelineContainers: Stoppable[] | undefined;
}

/**
 * Finds the Kafka broker and Redis server the integration tests run against, in this order:
 * KAFKA_BROKERS / REDIS_URL from the environment; else testcontainers when a Docker engine answers;
 * else the project's own scripts (a local KRaft broker from Maven Central, the local redis-server).
 * Every run gets its own id so topics, groups and Redis keys never meet another run's.
 */
export default async function globalSetup(): Promise<void> {
  process.env.PIPELINE_TEST_RUN_ID ??= randomBytes(4).toString('hex');
  const needKafka = !process.env.KAFKA_BROKERS;
  const needRedis = !process.env.REDIS_URL;
  if (!needKafka && !needRedis) return;

  if (dockerEngineAvailable()) {
    const containers: Stoppable[] = [];
    if (needKafka) {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0')
        .withKraft()
        .withExposedPorts(9093)
        .start();
      containers.push(kafka);
      process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
    }
    if (needRedis) {
      const { RedisContainer } = await import('@testcontainers/redis');
      const redis = await new RedisContainer('redis:7.4-alpine').start();
      containers.push(redis);
      process.env.REDIS_URL = redis.getConnectionUrl();
    }
    globalThis.__pipelineContainers = containers;
    return;
  }

  if (needKafka) {
    const lines = runInfraScript('kafka.sh', ['start']);
    if (!lines.KAFKA_BROKERS) throw new Error('scripts/infra/kafka.sh start printed no KAFKA_BROKERS');
    process.env.KAFKA_BROKERS = lines.KAFKA_BROKERS;
    process.env.KAFKA_SCRAM_BROKERS ??= lines.KAFKA_SCRAM_BROKERS;
    process.env.KAFKA_TLS_BROKERS ??= lines.KAFKA_TLS_BROKERS;
    process.env.KAFKA_TLS_CA_FILE ??= lines.KAFKA_TLS_CA_FILE;
  }
  if (needRedis) {
    const url = runInfraScript('redis.sh', ['ensure']).REDIS_URL;
    if (!url) throw new Error('scripts/infra/redis.sh ensure printed no REDIS_URL');
    process.env.REDIS_URL = url;
  }
}
