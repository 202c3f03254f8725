import { fnv1a64 } from './event-fingerprint';
import { utf8Length, utf8Packed } from './utf8-packed';

/** The bytes `utf8Packed` gives for each character of `text`, in order. */
function packedBytes(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const packed = utf8Packed(text, i);
    const length = utf8Length(packed);
    if (length === 4) i += 1;
    for (let k = 0; k < length; k += 1) bytes.push((packed >>> (8 * k)) & 0xff);
  }
  return bytes;
}

describe(utf8Packed.name, () => {
  it.each([
    ['ASCII', 'evt-42'],
    ['two-byte characters', 'café ñ'],
    ['three-byte characters', '注文-€'],
    ['a surrogate pair', 'a😀b'],
    ['a lone high surrogate', 'a\ud83db'],
    ['a lone high surrogate at the end', 'a\ud83d'],
    ['a lone low surrogate', 'a\ude00b'],
    ['two high surrogates then a low one', '\ud83d\ud83d\ude00'],
  ])('encodes %s as TextEncoder does', (_, text) => {
    expect(packedBytes(text)).toEqual([...new TextEncoder().encode(text)]);
  });

  it('agrees with TextEncoder on every UTF-16 unit, alone and before a low surrogate', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      for (const text of [String.fromCharCode(code), String.fromCharCode(code, 0xdc00)]) {
        const expected = [...new TextEncoder().encode(text)];
        const actual = packedBytes(text);
        if (actual.join() !== expected.join()) throw new Error(`differs at ${code.toString(16)}`);
      }
    }
  });
});

describe(fnv1a64.name, () => {
  it('hashes non-ASCII ids over their UTF-8 bytes', () => {
    // FNV-1a 64 of the UTF-8 of "é" (c3 a9), worked out with BigInt.
    let hash = 0xcbf29ce484222325n;
    for (const byte of [0xc3, 0xa9]) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
    const [hi, lo] = fnv1a64('é');
    expect((BigInt(hi) << 32n) | BigInt(lo)).toBe(hash);
  });
});
