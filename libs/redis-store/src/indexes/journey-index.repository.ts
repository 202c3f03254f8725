import type { Cluster, Redis } from 'ioredis';
import { type KeyedCommand, pipelinePerNode } from '../pipeline/pipeline-per-node';
import { IndexName, indexKey } from './journey-index.keys';

/** One change to a population index: add or move a member, or remove it. */
export type IndexChange =
  | { readonly index: IndexName; readonly op: 'set'; readonly member: string; readonly score: number }
  | { readonly index: IndexName; readonly op: 'remove'; readonly member: string };

/** A member of an index with its score. */
export interface IndexEntry {
  readonly member: string;
  readonly score: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const PAGE = 5_000;

/**
 * The population indexes (see `journey-index.keys.ts`). Changes are idempotent (ZADD / ZREM), so a
 * batch that is retried or redelivered simply writes them again.
 */
export class JourneyIndexRepository {
  constructor(
    private readonly client: Redis | Cluster,
    private readonly keyPrefix: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  /** Applies every change in one pipelined round trip per Redis node. */
  async apply(changes: readonly IndexChange[]): Promise<void> {
    const commands = changes.map((change): KeyedCommand => {
      const key = indexKey(this.keyPrefix, change.index);
      return change.op === 'set'
        ? { key, queue: (p) => p.zadd(key, change.score, change.member) }
        : { key, queue: (p) => p.zrem(key, change.member) };
    });
    if (commands.length > 0) await pipelinePerNode(this.client, commands, this.timeoutMs);
  }

  /** Members scored within [min, max] (inclusive bounds; `-inf` / `+inf` allowed), in score order, paged. */
  async range(
    index: IndexName,
    min: number | '-inf',
    max: number | '+inf',
    limit = Number.POSITIVE_INFINITY,
  ): Promise<IndexEntry[]> {
    const key = indexKey(this.keyPrefix, index);
    const entries: IndexEntry[] = [];
    for (let offset = 0; entries.length < limit; offset += PAGE) {
      const count = Math.min(PAGE, limit - entries.length);
      const flat = await this.client.zrangebyscore(key, min, max, 'WITHSCORES', 'LIMIT', offset, count);
      for (let i = 0; i < flat.length; i += 2) entries.push({ member: flat[i], score: Number(flat[i + 1]) });
      if (flat.length < count * 2) break;
    }
    return entries;
  }

  /** Number of members scored within [min, max]. */
  async count(index: IndexName, min: number | '-inf', max: number | '+inf'): Promise<number> {
    return this.client.zcount(indexKey(this.keyPrefix, index), min, max);
  }

  /** Every member of an index with its score. */
  all(index: IndexName): Promise<IndexEntry[]> {
    return this.range(index, '-inf', '+inf');
  }
}
