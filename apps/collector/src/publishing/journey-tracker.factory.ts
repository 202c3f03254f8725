import { Logger } from '@nestjs/common';
import { kafkaConnectionFromEnv } from '@pipeline/app-config';
import { createKafkaClient } from '@pipeline/kafka';
import { JourneyTracker } from '@pipeline/storefront-sdk';
import type { CollectorConfig } from '../collector.config';

/**
 * An HTTP client is waiting: give up sooner than the SDK's defaults (a full buffer after 2 s, three
 * retries of a failed send) and let the client retry after the 503.
 */
const BUFFER_TIMEOUT_MS = 2_000;
const RETRY = { retries: 3, initialBackoffMs: 200, maxBackoffMs: 2_000 };

/** The SDK's tracker on the pipeline's Kafka client (SASL / TLS from the shared environment). */
export function createJourneyTracker(config: CollectorConfig): JourneyTracker {
  const logger = new Logger('Kafka');
  return new JourneyTracker({
    kafka: createKafkaClient(kafkaConnectionFromEnv(config, config.KAFKA_CLIENT_ID), logger),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    lingerMs: config.COLLECTOR_LINGER_MS,
    maxBufferedEvents: config.COLLECTOR_MAX_BUFFERED_EVENTS,
    bufferTimeoutMs: BUFFER_TIMEOUT_MS,
    retry: RETRY,
  });
}
