import { REDIS_CLIENT, lockKey } from '@pipeline/redis-store';
import { Inject, Injectable } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { SCHEDULER_SETTINGS, SchedulerSettings } from './scheduler-settings';

// Renew and release only a lease this holder still owns: another instance may have taken it over
// after it expired.
const RENEW_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;
const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** The lease of a running job expired and another holder may be running it: stop. */
export class LeaseLostError extends Error {
  constructor(readonly job: string) {
    super(`the lease of job ${job} was lost; another instance may be running it`);
    this.name = LeaseLostError.name;
  }
}

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
    const renewed = await this.redis.eval(RENEW_LUA, 1, this.key, this.token, String(this.ttlMs));
    if (renewed !== 1) throw new LeaseLostError(this.job);
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE_LUA, 1, this.key, this.token);
  }
}

/**
 * Leases that let one scheduler instance at a time run a job: SET NX PX with a random token. A crashed
 * holder's lease expires after its time to live, so the job is never stuck for longer.
 */
@Injectable()
export class JobLeases {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | Cluster,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
  ) {}

  /** The lease of `job`, or undefined when another holder has it. */
  async acquire(job: string): Promise<JobLease | undefined> {
    const key = lockKey(this.settings.redisKeyPrefix, job);
    const token = randomUUID();
    const ttlMs = this.settings.leaseTtlMs;
    const taken = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    return taken === 'OK' ? new JobLease(this.redis, job, key, token, ttlMs) : undefined;
  }
}
