/** U+FFFD, which UTF-8 encoders write for a lone surrogate, as its three bytes packed. */
const REPLACEMENT_PACKED = 0xef | (0xbf << 8) | (0xbd << 16);

/**
 * The UTF-8 bytes of the character at `text[i]`, packed first byte lowest, as `TextEncoder` would
 * write them (a surrogate pair is one 4-byte character; a lone surrogate becomes U+FFFD). Hashing
 * these directly saves encoding every event id into a fresh byte array.
 */
export function utf8Packed(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return code;
  if (code < 0x800) return 0xc0 | (code >> 6) | ((0x80 | (code & 0x3f)) << 8);
  if (code < 0xd800 || code > 0xdfff) {
    return 0xe0 | (code >> 12) | ((0x80 | ((code >> 6) & 0x3f)) << 8) | ((0x80 | (code & 0x3f)) << 16);
  }
  const low = text.charCodeAt(i + 1);
  if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return REPLACEMENT_PACKED;
  const point = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
  return (
    (0xf0 |
      (point >> 18) |
      ((0x80 | ((point >> 12) & 0x3f)) << 8) |
      ((0x80 | ((point >> 6) & 0x3f)) << 16) |
      ((0x80 | (point & 0x3f)) << 24)) >>>
    0
  );
}

/** How many bytes a packed UTF-8 character holds, read from its lead byte. */
export function utf8Length(packed: number): number {
  const lead = packed & 0xff;
  return lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}
