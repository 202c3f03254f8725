import type { Cluster, Redis } from 'ioredis';

/**
 * Deletes every key under a test's prefix with SCAN MATCH (never KEYS, never FLUSHDB: other runs share
 * the server). On a cluster each master holds a share of the keys, so each is scanned.
 */
export async function deleteKeysWithPrefix(client: Redis | Cluster, prefix: string): Promise<number> {
  const nodes = client.isCluster ? (client as Cluster).nodes('master') : [client as Redis];
  let deleted = 0;
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      // One UNLINK per key: on a cluster node, keys of one batch may still sit in different slots.
      if (keys.length > 0) await Promise.all(keys.map((key) => node.unlink(key)));
      deleted += keys.length;
    } while (cursor !== '0');
  }
  return deleted;
}
