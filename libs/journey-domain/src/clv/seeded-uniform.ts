/** A source of uniform numbers in [0, 1); the domain never reaches for Math.random itself. */
export type UniformSource = () => number;

/**
 * A seeded uniform source (mulberry32, as the storefront simulator uses): the same seed gives the same
 * stream on every machine, so a synthetic population is reproducible from its seed alone. Its period
 * of 2^32 is ample for test populations; it is not for cryptography.
 */
export function seededUniform(seed: number): UniformSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
