import type { Cluster } from 'ioredis';

/**
 * Resolves once the cluster client is ready (connected, slot table loaded); rejects when it ends or
 * the signal aborts.
 *
 * Why wait here instead of letting ioredis queue: a Cluster client that is not ready parks commands
 * in its offline queue with no timeout and no retry limit (maxRetriesPerRequest only applies to the
 * node connections), so during an outage every retried batch would pile up there until Redis returns.
 */
export function whenClusterReady(client: Cluster, signal: AbortSignal): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  // A lazyConnect client waits for its first command; connection errors surface as events.
  if (client.status === 'wait') client.connect().catch(() => undefined);
  if (client.status === 'end') return Promise.reject(new Error('the Redis Cluster client has ended'));
  if (signal.aborted) return Promise.reject(new Error('aborted before waiting for the cluster'));
  return new Promise<void>((resolve, reject) => {
    const onReady = (): void => settle(resolve);
    const onEnd = (): void => settle(() => reject(new Error('the Redis Cluster client has ended')));
    const onAbort = (): void => {
      const reason: unknown = signal.reason;
      settle(() =>
        reject(reason instanceof Error ? reason : new Error('aborted while waiting for the cluster')),
      );
    };
    const settle = (outcome: () => void): void => {
      client.off('ready', onReady);
      client.off('end', onEnd);
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    client.once('ready', onReady);
    client.once('end', onEnd);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
