import { randomUUID } from 'node:crypto';

/** The broker and Redis the integration tests run against (filled in by the jest global setup). */
export interface TestInfra {
  readonly kafkaBrokers: string[];
  readonly redisUrl: string;
}

export function testInfra(): TestInfra {
  const brokers = process.env.KAFKA_BROKERS;
  const redisUrl = process.env.REDIS_URL;
  if (!brokers || !redisUrl) {
    throw new Error(
      'KAFKA_BROKERS and REDIS_URL must be set: run integration tests through jest (its global setup finds them)',
    );
  }
  return { kafkaBrokers: brokers.split(',').map((b) => b.trim()), redisUrl };
}

/**
 * A namespace unique to this run and test file: topic prefix, consumer group and Redis key prefix all
 * derive from it, so parallel or repeated runs never see each other's data.
 */
export function testNamespace(label: string): {
  id: string;
  topicPrefix: string;
  groupId: string;
  redisPrefix: string;
} {
  const id = `${process.env.PIPELINE_TEST_RUN_ID ?? 'local'}-${label}-${randomUUID().slice(0, 8)}`;
  return { id, topicPrefix: `t-${id}.`, groupId: `t-${id}-group`, redisPrefix: `t:${id}:` };
}
