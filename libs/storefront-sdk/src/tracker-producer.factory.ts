import { Kafka, Partitioners, logLevel, type KafkaConfig, type LogEntry, type Producer } from 'kafkajs';
import type { BrokerConnection, ClientConnection, TrackerLogger } from './journey-tracker.options';

/** kafkajs's own, quick retries (connection and request); the tracker's policy sits on top. */
const KAFKAJS_RETRY = { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 } as const;

/**
 * The tracker's producer: idempotent (the broker drops a resent copy of a batch it already has), acks
 * from all in-sync replicas on every send, one request in flight so a retry cannot reorder a
 * customer's events, and no topic auto-creation (a typo in a prefix fails instead of making topics).
 * kafkajs retries a failed connection or request twice, quickly (a leader move); the tracker's own
 * retry policy handles longer outages.
 */
export function createTrackerProducer(
  connection: BrokerConnection | ClientConnection,
  logger: TrackerLogger | undefined,
): Producer {
  const kafka = connection.kafka ?? new Kafka(kafkaConfig(connection, logger));
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: KAFKAJS_RETRY,
  });
}

function kafkaConfig(connection: BrokerConnection, logger: TrackerLogger | undefined): KafkaConfig {
  // Plain JavaScript callers get past the types: a misspelt option arrives as undefined.
  const brokers: readonly string[] | undefined = connection.brokers;
  if (brokers === undefined || brokers.length === 0) {
    throw new RangeError('JourneyTracker option brokers must list at least one host:port');
  }
  if (typeof connection.clientId !== 'string' || connection.clientId === '') {
    throw new RangeError('JourneyTracker option clientId is required with brokers');
  }
  const config: KafkaConfig = {
    brokers: [...brokers],
    clientId: connection.clientId,
    logLevel: logger ? logLevel.WARN : logLevel.ERROR,
    retry: { ...KAFKAJS_RETRY },
  };
  if (logger) config.logCreator = () => (entry: LogEntry) => forward(logger, entry);
  if (connection.ssl !== undefined) config.ssl = connection.ssl;
  if (connection.sasl) {
    const { mechanism, username, password } = connection.sasl;
    // kafkajs types SASL options as a union keyed by the mechanism literal.
    config.sasl =
      mechanism === 'plain'
        ? { mechanism, username, password }
        : mechanism === 'scram-sha-256'
          ? { mechanism, username, password }
          : { mechanism, username, password };
  }
  return config;
}

function forward(logger: TrackerLogger, { namespace, level, log }: LogEntry): void {
  // Only the message: kafkajs's extras can carry connection details.
  const line = `[kafkajs${namespace ? ` ${namespace}` : ''}] ${String(log.message)}`;
  if (level === logLevel.ERROR) logger.error(line);
  else logger.warn(line);
}
