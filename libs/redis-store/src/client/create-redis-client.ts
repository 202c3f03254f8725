import { Logger } from '@nestjs/common';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseClusterNodeAddress } from './cluster-node-address';
import { logConnectionEvents } from './connection-event-logging';
import { reconnectDelay } from './reconnect-delay';
import type { RedisClientOptions } from './redis-client.options';

const DEFAULT_COMMAND_TIMEOUT_MS = 5000;
const DEFAULT_MAX_RETRIES_PER_REQUEST = 2;

/**
 * A standalone or Cluster ioredis client tuned for a batch loop: commands fail fast (a few reconnection
 * attempts or a command timeout) so the loop sees an error and retries its batch, while the client
 * keeps reconnecting in the background with a capped backoff. Connection events are logged; passwords
 * never are.
 * @throws RangeError when neither or both of `url` and `clusterNodes` are given, or a value is invalid.
 */
export function createRedisClient(options: RedisClientOptions): Redis | Cluster {
  const logger = new Logger('RedisClient');
  const hasUrl = options.url !== undefined && options.url !== '';
  const nodes = options.clusterNodes ?? [];
  if (hasUrl === nodes.length > 0) {
    throw new RangeError('give exactly one of a Redis url or a list of cluster nodes');
  }
  // Only what was given: an explicit undefined would override the credentials parsed from the URL.
  const connection = {
    ...(options.username !== undefined && { username: options.username }),
    ...(options.password !== undefined && { password: options.password }),
    ...(options.tls && { tls: options.tls === true ? {} : { ...options.tls } }),
    connectionName: options.connectionName,
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? DEFAULT_MAX_RETRIES_PER_REQUEST,
  } satisfies RedisOptions;

  if (hasUrl) {
    const target = redactedUrl(options.url ?? '');
    const client = new Redis(options.url ?? '', {
      ...connection,
      enableOfflineQueue: true,
      retryStrategy: reconnectDelay,
    });
    logConnectionEvents(client, target, logger);
    return client;
  }
  const seeds = nodes.map(parseClusterNodeAddress);
  // Node connections keep ioredis's cluster defaults (a lost node is dropped and the slot table
  // refetched); reconnection and queueing are the cluster's, and the repository bounds the waiting.
  const client = new Cluster(seeds, {
    redisOptions: connection,
    enableOfflineQueue: true,
    clusterRetryStrategy: reconnectDelay,
  });
  logConnectionEvents(client, `cluster ${seeds.map((s) => `${s.host}:${s.port}`).join(',')}`, logger);
  return client;
}

/** The URL without credentials, for logs. */
function redactedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL itself is not echoed: it may carry a password.
    throw new RangeError('the Redis url is not a valid URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RangeError(`the Redis url has protocol ${parsed.protocol}, not redis: or rediss:`);
  }
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}
