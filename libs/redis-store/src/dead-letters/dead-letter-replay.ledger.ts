import type { Cluster, Redis } from 'ioredis';

/** The set of originals already replayed from the dead-letter topic: `<keyPrefix>dlq:replayed`. */
export function replayedSetKey(keyPrefix: string): string {
  return `${keyPrefix}dlq:replayed`;
}

/**
 * What `dlq:replay` has already re-published, so a second run publishes nothing twice. Members are
 * the originals' coordinates (`<topic>/<partition>/<offset>`, topic as the broker names it): an
 * original dead-lettered twice (a unit redelivered after a crash) is still replayed once. One set,
 * one member per replayed original, never expired (dead letters are few).
 */
export class DeadLetterReplayLedger {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keyPrefix: string,
  ) {}

  /** The ones among `ids` recorded as replayed. */
  async replayedAmong(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const flags = await this.redis.smismember(replayedSetKey(this.keyPrefix), ...ids);
    return new Set(ids.filter((_, i) => flags[i] === 1));
  }

  /** Records `ids` as replayed; call it once the broker has acknowledged them. */
  async markReplayed(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.redis.sadd(replayedSetKey(this.keyPrefix), ...ids);
  }
}
