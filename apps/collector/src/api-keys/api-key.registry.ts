import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyGrant } from './api-key-grant';

/**
 * The configured keys, by hash. A presented key is hashed and compared with every configured hash in
 * constant time, so neither the answer nor its timing tells how close a guess came.
 */
export class ApiKeyRegistry {
  constructor(private readonly grants: readonly ApiKeyGrant[]) {}

  /** The grant of the presented key, or undefined for an unknown key. */
  find(presentedKey: string): ApiKeyGrant | undefined {
    const digest = createHash('sha256').update(presentedKey, 'utf8').digest();
    let match: ApiKeyGrant | undefined;
    for (const grant of this.grants) {
      // No early exit: every hash is compared whatever matched before.
      if (timingSafeEqual(digest, grant.sha256) && match === undefined) match = grant;
    }
    return match;
  }

  /** Every origin some key allows: the ones a CORS preflight may be answered for. */
  allowedOrigins(): ReadonlySet<string> {
    return new Set(this.grants.flatMap((grant) => [...grant.corsOrigins]));
  }
}
