/**
 * A batch did not settle in time, typically because Redis (or a Redis Cluster) is unreachable.
 * Transient: retry the batch. Commands already handed to ioredis may still run later, which is safe
 * because writes are compare-and-set and acknowledgements are idempotent.
 */
export class RedisBatchTimeoutError extends Error {
  readonly code = 'REDIS_BATCH_TIMEOUT';

  constructor(
    readonly commandCount: number,
    readonly timeoutMs: number,
    readonly stage: 'waiting for the cluster' | 'waiting for replies',
  ) {
    super(`a Redis batch of ${commandCount} commands timed out after ${timeoutMs} ms, ${stage}`);
    this.name = RedisBatchTimeoutError.name;
  }
}
