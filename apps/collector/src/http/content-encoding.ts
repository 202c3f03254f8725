import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw, type ZlibOptions } from 'node:zlib';

/** The content codings the collector decodes. */
export type ContentCoding = 'identity' | 'gzip' | 'deflate' | 'br';

export type ParsedContentEncoding =
  { readonly ok: true; readonly coding: ContentCoding } | { readonly ok: false; readonly given: string };

/** x-gzip is gzip (RFC 9110, 8.4.1.3); names are case-insensitive. */
const CODINGS: Readonly<Record<string, ContentCoding>> = {
  identity: 'identity',
  gzip: 'gzip',
  'x-gzip': 'gzip',
  deflate: 'deflate',
  br: 'br',
};

/**
 * The request's Content-Encoding, one coding at most: SDKs compress once, and a stack of codings
 * would multiply the decoding work an unauthenticated-size body can ask for.
 */
export function parseContentEncoding(header: string | undefined): ParsedContentEncoding {
  const given = (header ?? '').trim();
  if (given === '') return { ok: true, coding: 'identity' };
  const coding = CODINGS[given.toLowerCase()];
  return coding === undefined ? { ok: false, given } : { ok: true, coding };
}

const decoders = {
  gzip: promisify<Buffer, ZlibOptions, Buffer>(gunzip),
  deflate: promisify<Buffer, ZlibOptions, Buffer>(inflate),
  deflateRaw: promisify<Buffer, ZlibOptions, Buffer>(inflateRaw),
  br: promisify<Buffer, ZlibOptions, Buffer>(brotliDecompress),
};

/**
 * Decodes off the event loop, never producing more than `maxBytes`: past it zlib stops and rejects
 * with code ERR_BUFFER_TOO_LARGE. Corrupt or truncated input rejects with zlib's error.
 */
export function decodeBody(
  raw: Buffer,
  coding: Exclude<ContentCoding, 'identity'>,
  maxBytes: number,
): Promise<Buffer> {
  const options = { maxOutputLength: maxBytes };
  if (coding === 'deflate' && !hasZlibHeader(raw)) {
    // "deflate" means zlib-wrapped (RFC 9110), but some clients send the raw stream; both are taken.
    return decoders.deflateRaw(raw, options);
  }
  return decoders[coding](raw, options);
}

/** RFC 1950: compression method 8 and a header checksum that makes the first two bytes a multiple of 31. */
function hasZlibHeader(raw: Buffer): boolean {
  return raw.length >= 2 && (raw[0] & 0x0f) === 8 && ((raw[0] << 8) | raw[1]) % 31 === 0;
}
