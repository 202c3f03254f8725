import { eventFingerprint, fnv1a64 } from './event-fingerprint';

/** The FNV-1a 64 definition, spelled out with BigInt. */
function referenceFnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  }
  return hash;
}

function hex([hi, lo]: readonly [number, number]): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

describe(eventFingerprint.name, () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('matches the published FNV-1a 64 value of %p', (text, expected) => {
    expect(hex(fnv1a64(text))).toBe(expected);
  });

  it('agrees with a BigInt reference on event-id-like strings', () => {
    for (let i = 0; i < 500; i += 1) {
      const id = `evt-${i}-${'x~:@+/='.repeat(i % 20)}-${i * 7919}`;
      expect(hex(fnv1a64(id))).toBe(referenceFnv1a64(id).toString(16).padStart(16, '0'));
    }
  });

  it('encodes the 64 bits as 11 base64url characters, big-endian', () => {
    expect(eventFingerprint('foobar')).toBe(Buffer.from('85944171f73967e8', 'hex').toString('base64url'));
    expect(eventFingerprint('evt-1')).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });

  it('gives different ids different fingerprints', () => {
    const prints = new Set(Array.from({ length: 10_000 }, (_, i) => eventFingerprint(`evt-${i}`)));
    expect(prints.size).toBe(10_000);
  });
});
