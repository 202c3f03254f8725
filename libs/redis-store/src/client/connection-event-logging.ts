import type { Logger } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';

/**
 * Logs a client's connection life cycle under a description that carries no credentials. Listening to
 * `error` also keeps ioredis from printing "Unhandled error event" to stderr on every failed reconnect.
 */
export function logConnectionEvents(client: Redis | Cluster, target: string, logger: Logger): void {
  client.on('connect', () => logger.debug(`connected to ${target}`));
  client.on('ready', () => logger.log(`ready: ${target}`));
  client.on('error', (error: Error) => logger.warn(`${target}: ${error.message}`));
  client.on('close', () => logger.warn(`connection to ${target} closed`));
  client.on('reconnecting', (delay: unknown) =>
    logger.log(`reconnecting to ${target}${typeof delay === 'number' ? ` in ${delay} ms` : ''}`),
  );
  client.on('end', () => logger.log(`connection to ${target} ended`));
  if (client.isCluster) {
    client.on('node error', (error: Error, node: string) =>
      logger.warn(`cluster node ${node}: ${error.message}`),
    );
    client.on('+node', (node: Redis) => logger.debug(`cluster node added: ${describeNode(node)}`));
    client.on('-node', (node: Redis) => logger.debug(`cluster node removed: ${describeNode(node)}`));
  }
}

function describeNode(node: Redis): string {
  return `${node.options.host ?? '?'}:${node.options.port ?? '?'}`;
}
