import type { KafkaConnectionOptions } from './kafka-connection-options';

/** Options of `KafkaModule.forRoot` / `forRootAsync`. */
export interface KafkaModuleOptions {
  readonly connection: KafkaConnectionOptions;
  /** Prepended to every logical topic the publisher writes (default ''). */
  readonly topicPrefix?: string;
  /** See `KafkaPublisherOptions.retries`. */
  readonly publisherRetries?: number;
}
