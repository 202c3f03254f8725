import { utf8Length, utf8Packed } from './utf8-packed';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const TWO_POW_32 = 0x1_0000_0000;

// FNV-1a 64: offset basis 0xcbf29ce484222325 and prime 0x100000001b3 = 2^40 + 0x1b3, kept as two
// unsigned 32-bit halves because BigInt arithmetic per character is several times slower.
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
const PRIME_LO = 0x1b3;

/** FNV-1a 64 of the UTF-8 bytes of `text`, as [high, low] unsigned 32-bit halves. */
export function fnv1a64(text: string): readonly [hi: number, lo: number] {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  for (let i = 0; i < text.length; i += 1) {
    const packed = utf8Packed(text, i);
    const length = utf8Length(packed);
    // A 4-byte character is a surrogate pair: two UTF-16 units.
    if (length === 4) i += 1;
    for (let k = 0; k < length; k += 1) {
      lo = (lo ^ ((packed >>> (8 * k)) & 0xff)) >>> 0;
      // (hi:lo) * (2^40 + 0x1b3) mod 2^64: every partial product stays below 2^53, so it is exact.
      const loProduct = lo * PRIME_LO;
      const carry = Math.floor(loProduct / TWO_POW_32);
      hi = (hi * PRIME_LO + carry + ((lo << 8) >>> 0)) >>> 0;
      lo = loProduct >>> 0;
    }
  }
  return [hi, lo];
}

/**
 * A 64-bit fingerprint of an event id as 11 base64url characters. Used where the state must remember
 * an event without storing its id of up to 128 characters; two ids collide with odds of about 2^-64.
 */
export function eventFingerprint(eventId: string): string {
  const [hi, lo] = fnv1a64(eventId);
  // 64 bits read six at a time, most significant first; the last character carries 4 bits and 2 zeros.
  // One string built from the eleven codes, rather than ten growing intermediate strings.
  const char = (shift: number): number => BASE64URL.charCodeAt(sixBits(hi, lo, shift));
  return String.fromCharCode(
    char(58),
    char(52),
    char(46),
    char(40),
    char(34),
    char(28),
    char(22),
    char(16),
    char(10),
    char(4),
    char(-2),
  );
}

function sixBits(hi: number, lo: number, shift: number): number {
  if (shift < 0) return (lo << -shift) & 0x3f;
  if (shift >= 32) return (hi >>> (shift - 32)) & 0x3f;
  if (shift > 26) return ((hi << (32 - shift)) | (lo >>> shift)) & 0x3f;
  return (lo >>> shift) & 0x3f;
}
