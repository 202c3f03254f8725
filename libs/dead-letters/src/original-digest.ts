import type { InboundHeader } from '@pipeline/kafka';
import { createHash } from 'node:crypto';

/** Hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Hex SHA-256 of a header list in a canonical encoding, so two lists have the same digest exactly
 * when they are the same bytes in the same order: per header, the name's length (uint32 BE), the
 * name (UTF-8), the value's length (int32 BE, -1 for null), the value.
 */
export function headersSha256(headers: readonly InboundHeader[]): string {
  const hash = createHash('sha256');
  const length = Buffer.alloc(4);
  for (const { name, value } of headers) {
    const nameBytes = Buffer.from(name, 'utf8');
    length.writeUInt32BE(nameBytes.length);
    hash.update(length).update(nameBytes);
    length.writeInt32BE(value === null ? -1 : value.length);
    hash.update(length);
    if (value !== null) hash.update(value);
  }
  return hash.digest('hex');
}

/** Total bytes of a header list's names (UTF-8) and values. */
export function headersByteLength(headers: readonly InboundHeader[]): number {
  return headers.reduce((sum, h) => sum + Buffer.byteLength(h.name, 'utf8') + (h.value?.length ?? 0), 0);
}
