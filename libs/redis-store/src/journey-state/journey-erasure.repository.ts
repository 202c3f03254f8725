import type { Cluster, Redis } from 'ioredis';
import { journeyKey } from '../keys/journey-keys';
import { type KeyedCommand, pipelinePerNode } from '../pipeline/pipeline-per-node';
import { defineJourneyEraseCommands } from '../scripts/journey-erase.scripts';

const DEFAULT_BATCH_TIMEOUT_MS = 10_000;

/** What an erasure found under an id when it marked it erased. */
export interface ErasureMark {
  /** When the id was first erased, epoch ms: a repeated erasure keeps the first time. */
  readonly erasedAt: number;
  /** True when this call erased the id; false when it had been erased before. */
  readonly first: boolean;
  /** The journey state JSON still held beside the tombstone, if any (to find what else to clean). */
  readonly data: string | null;
  /** The customer the id was linked to, if it was a linked anonymous id. */
  readonly linkedTo: string | null;
}

/**
 * Erasure of what the store keeps under an id, in two steps so that an interrupted erasure can be run
 * again: {@link mark} sets the tombstone (from then on nothing is written under the id) and returns
 * what is needed to clean up elsewhere; {@link seal} drops everything but the tombstone.
 */
export class JourneyErasureRepository {
  constructor(
    private readonly client: Redis | Cluster,
    private readonly keyPrefix: string,
    private readonly timeoutMs = DEFAULT_BATCH_TIMEOUT_MS,
  ) {
    defineJourneyEraseCommands(client);
  }

  async mark(id: string, erasedAt: number): Promise<ErasureMark> {
    if (!Number.isSafeInteger(erasedAt) || erasedAt < 0) throw new RangeError('erasedAt must be epoch ms');
    const key = journeyKey(this.keyPrefix, id);
    const [reply] = await this.send([{ key, queue: (p) => p.journeyStoreErase(key, String(erasedAt)) }]);
    if (!Array.isArray(reply) || reply.length !== 4) {
      throw new TypeError(`the erase script returned ${JSON.stringify(reply)} for ${id}`);
    }
    const [at, data, linkedTo, first] = reply as [unknown, unknown, unknown, unknown];
    const markedAt = Number(at);
    if (!Number.isSafeInteger(markedAt) || typeof data !== 'string' || typeof linkedTo !== 'string') {
      throw new TypeError(`the erase script returned ${JSON.stringify(reply)} for ${id}`);
    }
    return {
      erasedAt: markedAt,
      first: first === 1,
      data: data === '' ? null : data,
      linkedTo: linkedTo === '' ? null : linkedTo,
    };
  }

  /** Drops every field of each erased id but its tombstone; ids not marked are left alone. */
  async seal(ids: readonly string[]): Promise<void> {
    await this.send(
      ids.map((id): KeyedCommand => {
        const key = journeyKey(this.keyPrefix, id);
        return { key, queue: (p) => p.journeyStoreSeal(key) };
      }),
    );
  }

  private send(commands: readonly KeyedCommand[]): Promise<unknown[]> {
    return pipelinePerNode(this.client, commands, this.timeoutMs);
  }
}
