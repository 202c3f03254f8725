import type { ChainableCommander, Cluster, Redis } from 'ioredis';
import { groupBySlotOwner } from './group-by-slot-owner';
import { RedisBatchTimeoutError } from './redis-batch-timeout.error';
import { whenClusterReady } from './when-cluster-ready';

/** One command of a batch, and the single key that decides which node serves it. */
export interface KeyedCommand {
  readonly key: string;
  /** Appends the command to a pipeline; called exactly once. */
  readonly queue: (pipeline: ChainableCommander) => void;
}

/**
 * Sends a batch as pipelines, one round trip per node, and returns the replies in input order.
 *
 * A standalone client gets one pipeline. A Cluster client gets one pipeline per slot owner, run in
 * parallel: ioredis refuses a cluster pipeline whose keys are served by different nodes. Nothing is
 * sent to a cluster that is not ready; the batch waits for it within its time limit.
 *
 * Any failed command fails the whole batch with that command's error, after every pipeline has
 * settled; the caller retries the batch, so this never retries itself. Commands of other pipelines
 * may have been applied by then, which is why writes must be compare-and-set or idempotent.
 * @throws RedisBatchTimeoutError when the batch has not settled within `timeoutMs`.
 */
export async function pipelinePerNode(
  client: Redis | Cluster,
  commands: readonly KeyedCommand[],
  timeoutMs: number,
): Promise<unknown[]> {
  if (commands.length === 0) return [];
  const deadline = new AbortController();
  let stage: RedisBatchTimeoutError['stage'] = 'waiting for the cluster';
  let expire: (error: Error) => void = () => undefined;
  const timedOut = new Promise<never>((_, reject) => (expire = reject));
  const timer = setTimeout(() => {
    const error = new RedisBatchTimeoutError(commands.length, timeoutMs, stage);
    deadline.abort(error);
    expire(error);
  }, timeoutMs);
  const sent = (async () => {
    if (isCluster(client)) await whenClusterReady(client, deadline.signal);
    stage = 'waiting for replies';
    return sendPerNode(client, commands);
  })();
  try {
    return await Promise.race([sent, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function sendPerNode(client: Redis | Cluster, commands: readonly KeyedCommand[]): Promise<unknown[]> {
  const groups = isCluster(client)
    ? groupBySlotOwner(
        commands.map((command) => command.key),
        // The owner ids ioredis's own pipeline check compares (undefined before the slot table loads).
        (slot) => client._groupsBySlot[slot],
      )
    : [commands.map((_, position) => position)];

  const settled = await Promise.allSettled(groups.map((group) => execGroup(client, commands, group)));
  const replies = new Array<unknown>(commands.length);
  let failure: Error | undefined;
  settled.forEach((outcome, index) => {
    if (outcome.status === 'rejected') {
      const reason: unknown = outcome.reason;
      failure ??= reason instanceof Error ? reason : new Error(String(reason));
      return;
    }
    groups[index].forEach((position, offset) => (replies[position] = outcome.value[offset]));
  });
  if (failure) throw failure;
  return replies;
}

async function execGroup(
  client: Redis | Cluster,
  commands: readonly KeyedCommand[],
  positions: readonly number[],
): Promise<unknown[]> {
  const pipeline = client.pipeline();
  for (const position of positions) commands[position].queue(pipeline);
  const replies = await pipeline.exec();
  if (replies === null) throw new Error('Redis discarded the pipeline');
  const failed = replies.find(([error]) => error !== null)?.[0];
  if (failed) {
    // ioredis follows MOVED/ASK itself only for read-only pipelines; after a resharding a write
    // pipeline fails instead, and without a refresh the caller's retry would hit the same node.
    if (isCluster(client) && /^(MOVED|ASK) /.test(failed.message)) client.refreshSlotsCache();
    throw failed;
  }
  return replies.map(([, reply]) => reply);
}

function isCluster(client: Redis | Cluster): client is Cluster {
  return client.isCluster;
}
