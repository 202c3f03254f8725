import type { ApiKeyGrant } from '../api-keys/api-key-grant';
import { TokenBucket, type TakeResult } from './token-bucket';

const MINUTE_MS = 60_000;

/**
 * One token bucket per API key, `ratePerMinute` events a minute with bursts of the same size. Buckets
 * live in this process: behind N collector replicas a key gets up to N times its rate.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Charges `events` tokens to the key's bucket. */
  take(grant: ApiKeyGrant, events: number): TakeResult {
    const now = this.now();
    let bucket = this.buckets.get(grant.id);
    if (bucket === undefined) {
      bucket = new TokenBucket(grant.ratePerMinute, MINUTE_MS, now);
      this.buckets.set(grant.id, bucket);
    }
    return bucket.take(events, now);
  }
}
