import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The SHA-256 digest of the admin key, from its hex form in configuration; null when none is set. */
export function adminKeyDigest(sha256Hex: string | undefined): Buffer | null {
  if (sha256Hex === undefined || sha256Hex === '') return null;
  if (!/^[0-9a-fA-F]{64}$/.test(sha256Hex))
    throw new RangeError('ADMIN_API_KEY_SHA256 must be 64 hex digits');
  return Buffer.from(sha256Hex, 'hex');
}

/**
 * Whether an `Authorization: Bearer <key>` header carries the admin key. The presented key is hashed
 * and compared with the configured digest in constant time, so neither the answer nor its timing tells
 * how close a guess came. Without a configured digest no key matches.
 */
export function presentsAdminKey(authorization: string | undefined, digest: Buffer | null): boolean {
  if (digest === null || authorization === undefined) return false;
  const match = BEARER.exec(authorization);
  if (!match?.[1]) return false;
  const presented = createHash('sha256').update(match[1], 'utf8').digest();
  return timingSafeEqual(presented, digest);
}
