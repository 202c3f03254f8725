import { UniformSource } from './seeded-uniform';

/** A uniform in the open interval (0, 1), so its logarithm is finite. */
function openUniform(random: UniformSource): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}

/** A standard normal variate: Marsaglia's polar method, discarding the second variate to stay stateless. */
export function sampleStandardNormal(random: UniformSource): number {
  for (;;) {
    const u = 2 * random() - 1;
    const v = 2 * random() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** An exponential variate with the given rate (mean 1 / rate). */
export function sampleExponential(random: UniformSource, rate: number): number {
  return -Math.log(openUniform(random)) / rate;
}

/**
 * A Gamma(shape, rate) variate, mean shape / rate: Marsaglia & Tsang (2000), "A Simple Method for
 * Generating Gamma Variables", ACM TOMS 26(3). A shape below one is boosted to shape + 1 and scaled by
 * U^(1/shape), as the paper's section 6 describes.
 */
export function sampleGamma(random: UniformSource, shape: number, rate: number): number {
  if (!(shape > 0) || !(rate > 0)) throw new RangeError(`Gamma(${shape}, ${rate}) needs positive parameters`);
  if (shape < 1) {
    return sampleGamma(random, shape + 1, rate) * Math.pow(openUniform(random), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleStandardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = openUniform(random);
    if (u < 1 - 0.0331 * x ** 4) return (d * v) / rate;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/** A Beta(a, b) variate as X / (X + Y) with X ~ Gamma(a, 1) and Y ~ Gamma(b, 1). */
export function sampleBeta(random: UniformSource, a: number, b: number): number {
  const x = sampleGamma(random, a, 1);
  const y = sampleGamma(random, b, 1);
  return x / (x + y);
}

/**
 * A Poisson variate with the given mean: multiplication of uniforms (Knuth) for small means, and for
 * large ones the sum of Poisson variates of mean at most 30, so exp(-mean) never underflows.
 */
export function samplePoisson(random: UniformSource, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean))
    throw new RangeError(`Poisson mean must be finite and >= 0, got ${mean}`);
  let remaining = mean;
  let count = 0;
  while (remaining > 0) {
    const chunk = Math.min(remaining, 30);
    remaining -= chunk;
    const limit = Math.exp(-chunk);
    let product = random();
    while (product > limit) {
      count += 1;
      product *= random();
    }
  }
  return count;
}
