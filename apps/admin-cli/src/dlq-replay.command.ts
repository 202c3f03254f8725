import { kafkaConnectionFromEnv, redisConnectionFromEnv } from '@pipeline/app-config';
import { DEAD_LETTER_TOPIC } from '@pipeline/contracts';
import {
  DeadLetterTopicReader,
  ReplayPublisher,
  replayDeadLetters,
  type ReplayOptions,
  type ReplayReport,
} from '@pipeline/dead-letters';
import { createKafkaClient, topicName } from '@pipeline/kafka';
import { DeadLetterReplayLedger, JobLeases, createRedisClient } from '@pipeline/redis-store';
import { Logger } from '@nestjs/common';
import type { AdminCliConfig } from './admin-cli.config';

/** How long the replay lease lasts unless renewed (it is renewed after every batch). */
const LEASE_TTL_MS = 120_000;

/**
 * `npm run dlq:replay`: reads the dead-letter topic from `--since`, re-publishes the matching
 * originals and records them in Redis, under a lease so two replays never run at once. A dry run
 * only reads (Kafka and the Redis ledger).
 */
export async function runDlqReplay(config: AdminCliConfig, options: ReplayOptions): Promise<ReplayReport> {
  const redis = createRedisClient(redisConnectionFromEnv(config, 'admin-cli'));
  const kafka = createKafkaClient(kafkaConnectionFromEnv(config, 'admin-cli'), new Logger('Kafka'));
  const publisher = options.dryRun ? undefined : new ReplayPublisher(kafka);
  const lease = options.dryRun
    ? undefined
    : await new JobLeases(redis, config.REDIS_KEY_PREFIX, LEASE_TTL_MS).acquire('dlq-replay');
  try {
    if (!options.dryRun && !lease)
      throw new Error('another dlq:replay is running (Redis lease dlq-replay); try later');
    await publisher?.connect();
    return await replayDeadLetters(options, {
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      reader: new DeadLetterTopicReader(kafka, topicName(config.KAFKA_TOPIC_PREFIX, DEAD_LETTER_TOPIC)),
      publisher: publisher ?? { send: () => Promise.reject(new Error('a dry run publishes nothing')) },
      ledger: new DeadLetterReplayLedger(redis, config.REDIS_KEY_PREFIX),
      onProgress: () => lease?.renew() ?? Promise.resolve(),
    });
  } finally {
    await lease?.release().catch(() => undefined);
    await publisher?.disconnect().catch(() => undefined);
    await redis.quit().catch(() => redis.disconnect());
  }
}
