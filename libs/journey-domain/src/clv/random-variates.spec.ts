import {
  sampleBeta,
  sampleExponential,
  sampleGamma,
  samplePoisson,
  sampleStandardNormal,
} from './random-variates';
import { UniformSource, seededUniform } from './seeded-uniform';

const N = 40_000;

function moments(draw: (random: UniformSource) => number, seed = 7): { mean: number; variance: number } {
  const random = seededUniform(seed);
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < N; i += 1) {
    const x = draw(random);
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / N;
  return { mean, variance: sumSquares / N - mean * mean };
}

/** Four standard errors of the sample mean: fails about once in 16,000 seeds, never for a fixed one. */
function meanTolerance(variance: number): number {
  return 4 * Math.sqrt(variance / N);
}

describe(sampleStandardNormal.name, () => {
  it('has mean zero and variance one', () => {
    const { mean, variance } = moments(sampleStandardNormal);
    expect(Math.abs(mean)).toBeLessThan(meanTolerance(1));
    expect(variance).toBeCloseTo(1, 1);
  });
});

describe(sampleExponential.name, () => {
  it('has mean 1 / rate', () => {
    const { mean } = moments((r) => sampleExponential(r, 4));
    expect(Math.abs(mean - 0.25)).toBeLessThan(meanTolerance(1 / 16));
  });
});

describe(sampleGamma.name, () => {
  it.each([
    [0.25, 4],
    [0.8, 1],
    [6, 15],
    [40, 2],
  ])('has mean k / θ and variance k / θ² for shape %p and rate %p', (shape, rate) => {
    const { mean, variance } = moments((r) => sampleGamma(r, shape, rate));
    const expectedVariance = shape / rate ** 2;
    expect(Math.abs(mean - shape / rate)).toBeLessThan(meanTolerance(expectedVariance));
    expect(Math.abs(variance - expectedVariance) / expectedVariance).toBeLessThan(0.1);
  });

  it('returns finite non-negative values even for a tiny shape', () => {
    const random = seededUniform(3);
    for (let i = 0; i < 1000; i += 1) {
      const x = sampleGamma(random, 0.05, 1);
      expect(Number.isFinite(x) && x >= 0).toBe(true);
    }
  });

  it('refuses non-positive parameters', () => {
    expect(() => sampleGamma(seededUniform(1), 0, 1)).toThrow(RangeError);
    expect(() => sampleGamma(seededUniform(1), 1, -1)).toThrow(RangeError);
  });
});

describe(sampleBeta.name, () => {
  it('has mean a / (a + b) and the beta variance', () => {
    const [a, b] = [0.8, 2.5];
    const { mean, variance } = moments((r) => sampleBeta(r, a, b));
    const expectedVariance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(mean - a / (a + b))).toBeLessThan(meanTolerance(expectedVariance));
    expect(Math.abs(variance - expectedVariance) / expectedVariance).toBeLessThan(0.1);
  });
});

describe(samplePoisson.name, () => {
  it.each([0.3, 7, 45.5])('has mean and variance equal to %p', (lambda) => {
    const { mean, variance } = moments((r) => samplePoisson(r, lambda));
    expect(Math.abs(mean - lambda)).toBeLessThan(meanTolerance(lambda));
    expect(Math.abs(variance - lambda) / lambda).toBeLessThan(0.1);
  });

  it('is always zero for mean zero', () => {
    expect(samplePoisson(seededUniform(1), 0)).toBe(0);
  });
});
