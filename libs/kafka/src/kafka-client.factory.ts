import { Logger, type LoggerService } from '@nestjs/common';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { KafkaConnectionOptions, KafkaSaslOptions } from './kafka-connection-options';
import { nestKafkaLogCreator } from './kafka-log-creator';

/**
 * A kafkajs client for the given connection. kafkajs logs at WARN and above, through a Nest logger
 * (context `Kafka` unless one is given); credentials are never logged.
 */
export function createKafkaClient(
  options: KafkaConnectionOptions,
  logger: LoggerService = new Logger('Kafka'),
): Kafka {
  if (options.brokers.length === 0) throw new Error('KafkaConnectionOptions.brokers is empty');
  const config: KafkaConfig = {
    brokers: [...options.brokers],
    clientId: options.clientId,
    logLevel: logLevel.WARN,
    logCreator: nestKafkaLogCreator(logger),
  };
  if (options.ssl !== undefined) config.ssl = options.ssl;
  if (options.sasl) config.sasl = toKafkaJsSasl(options.sasl);
  if (options.connectionTimeout !== undefined) config.connectionTimeout = options.connectionTimeout;
  if (options.requestTimeout !== undefined) config.requestTimeout = options.requestTimeout;
  return new Kafka(config);
}

// One case per mechanism: kafkajs types SASL options as a union keyed by the mechanism literal.
function toKafkaJsSasl({ mechanism, username, password }: KafkaSaslOptions): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}
