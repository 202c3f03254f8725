/** Injection token of the `KafkaConnectionOptions` given to `KafkaModule`. */
export const KAFKA_CONNECTION_OPTIONS = Symbol('KAFKA_CONNECTION_OPTIONS');

/** Injection token of the kafkajs `Kafka` client `KafkaModule` provides. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
