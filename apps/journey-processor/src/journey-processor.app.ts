import { kafkaConnectionFromEnv } from '@pipeline/app-config';
import {
  COMPACTED_TOPICS,
  DEAD_LETTER_TOPIC,
  JOURNEY_INPUT_TOPICS,
  OUTBOUND_TOPICS,
} from '@pipeline/contracts';
import { TopicMessageSizeLimit } from '@pipeline/dead-letters';
import { KAFKA_CLIENT, KafkaBatchServer, ensureTopics } from '@pipeline/kafka';
import { ConsumerGroupWatch, useStructuredLogging } from '@pipeline/observability';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { JourneyProcessorConfig } from './journey-processor.config';
import { JourneyProcessorModule } from './journey-processor.module';

export interface RunningProcessor {
  readonly app: INestApplication;
  readonly server: KafkaBatchServer;
}

/**
 * Builds and starts the processor: topics ensured, the batch consumer joined to its group (stage and
 * identity topics), the HTTP query and admin API listening. Used by main.ts and by the end-to-end tests, so both run the same wiring.
 */
export async function startJourneyProcessor(config: JourneyProcessorConfig): Promise<RunningProcessor> {
  // JSON logs at LOG_LEVEL through nestjs-pino; lines written before it is in place wait in the buffer.
  const app = await NestFactory.create(JourneyProcessorModule.register(config), { bufferLogs: true });
  useStructuredLogging(app);
  app.enableShutdownHooks();

  await ensureTopics(
    app.get<Kafka>(KAFKA_CLIENT),
    config.KAFKA_TOPIC_PREFIX,
    [...JOURNEY_INPUT_TOPICS, ...Object.values(OUTBOUND_TOPICS), DEAD_LETTER_TOPIC],
    {
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: 1,
      // The profile changelog keeps the latest record per customer; other settings are the broker's.
      configs: Object.fromEntries(COMPACTED_TOPICS.map((topic) => [topic, { 'cleanup.policy': 'compact' }])),
    },
  );
  // Dead letters are sized to the dead-letter topic's limit: read it once the topic exists.
  await app.get(TopicMessageSizeLimit).refresh();

  const server = new KafkaBatchServer({
    connection: kafkaConnectionFromEnv(config, config.KAFKA_CLIENT_ID),
    groupId: config.KAFKA_GROUP_ID,
    topics: JOURNEY_INPUT_TOPICS,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    fromBeginning: true,
    partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
    gatherBatches: true,
    maxBytes: config.KAFKA_FETCH_MAX_BYTES,
    maxBytesPerPartition: config.KAFKA_FETCH_MAX_BYTES_PER_PARTITION,
    sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatInterval: Math.min(3_000, Math.floor(config.KAFKA_SESSION_TIMEOUT_MS / 3)),
  });
  app.get(ConsumerGroupWatch).watch(server);
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return { app, server };
}
