import { readFileSync } from 'node:fs';
import { PipelineEnv } from './pipeline.env';

/**
 * TLS to a server: `true` trusts the system's certificate authorities, `{ ca }` the PEM certificates
 * given (read from the configured file at boot).
 */
export type TlsSettings = true | { readonly ca: string[] };

/** SASL credentials for Kafka. The password is never logged. */
export interface KafkaSaslSettings {
  readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  readonly username: string;
  readonly password: string;
}

/**
 * How to reach Kafka, as validated settings: the Kafka library maps them to its client's options
 * (`createKafkaClient`), so the configuration knows no client library.
 */
export interface KafkaConnectionSettings {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl?: TlsSettings;
  readonly sasl?: KafkaSaslSettings;
}

/**
 * How to reach Redis, as validated settings: exactly one of `url` (standalone) and `clusterNodes`.
 * The store library maps them to its client's options (`createRedisClient`).
 */
export interface RedisConnectionSettings {
  /** `redis://` or `rediss://` URL of a standalone server. */
  readonly url?: string;
  /** `host:port` seeds of a Redis Cluster. */
  readonly clusterNodes?: readonly string[];
  readonly username?: string;
  readonly password?: string;
  readonly tls?: TlsSettings;
  /** Shown by CLIENT LIST, to tell the pipeline's connections apart. */
  readonly connectionName: string;
}

function tlsFromEnv(caFile: string | undefined): TlsSettings {
  return caFile ? { ca: [readFileSync(caFile, 'utf8')] } : true;
}

/** How to reach Redis: a URL or cluster seeds, credentials and TLS when configured. */
export function redisConnectionFromEnv(env: PipelineEnv, connectionName: string): RedisConnectionSettings {
  const tls = env.REDIS_TLS === 'true' || (env.REDIS_URL ?? '').startsWith('rediss://');
  const auth = {
    ...(env.REDIS_USERNAME && { username: env.REDIS_USERNAME }),
    ...(env.REDIS_PASSWORD && { password: env.REDIS_PASSWORD }),
    ...(tls && { tls: tlsFromEnv(env.REDIS_TLS_CA_FILE) }),
    connectionName,
  };
  return env.REDIS_CLUSTER_NODES
    ? { clusterNodes: env.REDIS_CLUSTER_NODES.split(','), ...auth }
    : { url: env.REDIS_URL, ...auth };
}

/** How to reach Kafka: brokers, client id, and SASL / TLS when configured. */
export function kafkaConnectionFromEnv(env: PipelineEnv, clientId: string): KafkaConnectionSettings {
  const sasl =
    env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD
      ? {
          mechanism: env.KAFKA_SASL_MECHANISM,
          username: env.KAFKA_SASL_USERNAME,
          password: env.KAFKA_SASL_PASSWORD,
        }
      : undefined;
  return {
    brokers: env.KAFKA_BROKERS.split(','),
    clientId,
    ...(sasl && { sasl }),
    ...(env.KAFKA_TLS === 'true' && { ssl: tlsFromEnv(env.KAFKA_TLS_CA_FILE) }),
  };
}
