import { JourneyTracker } from '@pipeline/storefront-sdk';
import type { Kafka } from 'kafkajs';
import type { CollectorConfig } from '../collector.config';

/**
 * An HTTP client is waiting: give up sooner than the SDK's defaults (a full buffer after 2 s, three
 * retries of a failed send) and let the client retry after the 503.
 */
const BUFFER_TIMEOUT_MS = 2_000;
const RETRY = { retries: 3, initialBackoffMs: 200, maxBackoffMs: 2_000 };

/** The SDK's tracker on the app's Kafka client, which the readiness check also uses. */
export function createJourneyTracker(config: CollectorConfig, kafka: Kafka): JourneyTracker {
  return new JourneyTracker({
    kafka,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    lingerMs: config.COLLECTOR_LINGER_MS,
    maxBufferedEvents: config.COLLECTOR_MAX_BUFFERED_EVENTS,
    bufferTimeoutMs: BUFFER_TIMEOUT_MS,
    retry: RETRY,
  });
}
