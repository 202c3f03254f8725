import { JobLease, JobLeases, LeaseLostError, lockKey } from '@pipeline/redis-store';
import { testInfra, testNamespace } from '@pipeline/testing';
import { Redis } from 'ioredis';
import { deleteKeysWithPrefix } from './support/delete-keys-with-prefix';

describe(JobLeases.name, () => {
  const infra = testInfra();
  const ns = testNamespace('job-leases');
  const client = new Redis(infra.redisUrl);
  const leases = new JobLeases(client, ns.redisPrefix, 10_000);

  afterAll(async () => {
    await deleteKeysWithPrefix(client, ns.redisPrefix);
    await client.quit();
  });

  it('refuses a second holder while the first holds the lease, and lets it in once released', async () => {
    const first = await leases.acquire('refit');
    expect(first).toBeInstanceOf(JobLease);
    expect(await leases.acquire('refit')).toBeUndefined();
    expect(await leases.acquire('tick')).toBeInstanceOf(JobLease);

    await first!.renew();
    await first!.release();
    expect(await client.exists(lockKey(ns.redisPrefix, 'refit'))).toBe(0);
    expect(await leases.acquire('refit')).toBeInstanceOf(JobLease);
  });

  it('stops a holder whose lease expired and was taken over, and leaves the new holder its lease', async () => {
    const shortLived = new JobLeases(client, ns.redisPrefix, 50);
    const stale = await shortLived.acquire('rescore');
    expect(stale).toBeDefined();

    const successor = await acquireWhenFree(leases, 'rescore');
    await expect(stale!.renew()).rejects.toBeInstanceOf(LeaseLostError);
    await stale!.release();
    expect(await leases.acquire('rescore')).toBeUndefined();

    await successor.release();
    expect(await leases.acquire('rescore')).toBeInstanceOf(JobLease);
  });
});

// Polls rather than sleeping a fixed time: expiry is Redis's to decide, and 50 ms is not exact.
async function acquireWhenFree(leases: JobLeases, job: string): Promise<JobLease> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const lease = await leases.acquire(job);
    if (lease !== undefined) return lease;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the lease of ${job} never expired`);
}
