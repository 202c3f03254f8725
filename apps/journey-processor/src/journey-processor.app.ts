import { ALL_INBOUND_TOPICS, DEAD_LETTER_TOPIC, OUTBOUND_TOPICS } from '@pipeline/contracts';
import { KAFKA_CLIENT, KafkaBatchServer, ensureTopics } from '@pipeline/kafka';
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { JourneyProcessorConfig } from './journey-processor.config';
import { JourneyProcessorModule } from './journey-processor.module';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export interface RunningProcessor {
  readonly app: INestApplication;
  readonly server: KafkaBatchServer;
}

/**
 * Builds and starts the processor: topics ensured, the batch consumer joined to its group, the HTTP
 * query API listening. Used by main.ts and by the end-to-end tests, so both run the same wiring.
 */
export async function startJourneyProcessor(config: JourneyProcessorConfig): Promise<RunningProcessor> {
  const logger = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1);
  const app = await NestFactory.create(JourneyProcessorModule.register(config), { logger });
  app.enableShutdownHooks();

  await ensureTopics(
    app.get<Kafka>(KAFKA_CLIENT),
    config.KAFKA_TOPIC_PREFIX,
    [...ALL_INBOUND_TOPICS, ...Object.values(OUTBOUND_TOPICS), DEAD_LETTER_TOPIC],
    { partitions: config.KAFKA_TOPIC_PARTITIONS, replicationFactor: 1 },
  );

  const server = new KafkaBatchServer({
    connection: { brokers: config.KAFKA_BROKERS.split(','), clientId: config.KAFKA_CLIENT_ID },
    groupId: config.KAFKA_GROUP_ID,
    topics: ALL_INBOUND_TOPICS,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    fromBeginning: true,
    partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
    sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatInterval: Math.min(3_000, Math.floor(config.KAFKA_SESSION_TIMEOUT_MS / 3)),
  });
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, '127.0.0.1');
  return { app, server };
}
