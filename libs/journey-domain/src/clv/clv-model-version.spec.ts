import { clvModelVersion } from './clv-model-version';

describe(clvModelVersion.name, () => {
  const bgNbd = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
  const gammaGamma = { p: 6, q: 4, v: 1500 };
  const at = new Date('2026-11-22T06:00:00.000Z');

  it('names the fit by its time and a short hash of its parameters', () => {
    expect(clvModelVersion(at, bgNbd, gammaGamma)).toMatch(/^clv-2026-11-22T06:00:00\.000Z-[0-9a-f]{8}$/);
  });

  it('gives the same hash to the same parameters and another to different ones', () => {
    const later = new Date(at.getTime() + 60_000);
    const hashOf = (version: string): string => version.slice(-8);
    expect(hashOf(clvModelVersion(later, bgNbd, gammaGamma))).toBe(
      hashOf(clvModelVersion(at, bgNbd, gammaGamma)),
    );
    expect(hashOf(clvModelVersion(at, { ...bgNbd, b: 2.6 }, gammaGamma))).not.toBe(
      hashOf(clvModelVersion(at, bgNbd, gammaGamma)),
    );
  });
});
