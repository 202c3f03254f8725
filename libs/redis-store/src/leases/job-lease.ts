import type { Cluster, Redis } from 'ioredis';
import { RELEASE_LEASE_LUA, RENEW_LEASE_LUA } from './job-lease.scripts';
import { LeaseLostError } from './lease-lost.error';

/** A held lease: renew it between steps, release it when done. */
export class JobLease {
  constructor(
    private readonly redis: Redis | Cluster,
    readonly job: string,
    private readonly key: string,
    private readonly token: string,
    private readonly ttlMs: number,
  ) {}

  /** Extends the lease by its full time to live; throws {@link LeaseLostError} when it is no longer ours. */
  async renew(): Promise<void> {
    const renewed = await this.redis.eval(RENEW_LEASE_LUA, 1, this.key, this.token, String(this.ttlMs));
    if (renewed !== 1) throw new LeaseLostError(this.job);
  }

  /** Frees the lease if it is still ours; a lease another holder has taken over is left to them. */
  async release(): Promise<void> {
    await this.redis.eval(RELEASE_LEASE_LUA, 1, this.key, this.token);
  }
}
