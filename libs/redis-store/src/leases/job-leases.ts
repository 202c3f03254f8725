import type { Cluster, Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { lockKey } from '../indexes/journey-index.keys';
import { JobLease } from './job-lease';

/**
 * Leases that let one instance at a time run a job: SET NX PX with a random token. A crashed holder's
 * lease expires after its time to live, so the job is never stuck for longer.
 */
export class JobLeases {
  /**
   * @param keyPrefix the store's key prefix; each job's lease is `<keyPrefix>lock:<job>`.
   * @param ttlMs how long a lease lasts unless renewed, ms.
   */
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keyPrefix: string,
    private readonly ttlMs: number,
  ) {}

  /** The lease of `job`, or undefined when another holder has it. */
  async acquire(job: string): Promise<JobLease | undefined> {
    const key = lockKey(this.keyPrefix, job);
    const token = randomUUID();
    const taken = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
    return taken === 'OK' ? new JobLease(this.redis, job, key, token, this.ttlMs) : undefined;
  }
}
