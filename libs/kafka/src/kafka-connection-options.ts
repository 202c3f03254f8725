import type { ConnectionOptions } from 'node:tls';

/** SASL mechanisms the pipeline supports; each takes a username and a password. */
export type KafkaSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** SASL credentials. The password is never logged. */
export interface KafkaSaslOptions {
  readonly mechanism: KafkaSaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** How to reach the Kafka cluster; validated by the app's config, passed in as an argument. */
export interface KafkaConnectionOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** `true` for TLS with the system CAs, or Node TLS options (CA, client certificate). */
  readonly ssl?: boolean | ConnectionOptions;
  readonly sasl?: KafkaSaslOptions;
  /** Milliseconds to establish a TCP (and TLS) connection; kafkajs default 1000. */
  readonly connectionTimeout?: number;
  /** Milliseconds to wait for a broker's answer to one request; kafkajs default 30000. */
  readonly requestTimeout?: number;
}
