import { GammaGammaParams, conditionalExpectedSpend, gammaGammaLogLikelihood } from './gamma-gamma';

const PARAMS: GammaGammaParams = { p: 6, q: 4, v: 15 };

/** ∫ f(m) dm over (0, ∞), as ∫ f(e^u) e^u du on a fine grid: the density must integrate to one. */
function totalProbability(x: number): number {
  const step = 1e-3;
  let sum = 0;
  for (let u = -15; u <= 15; u += step) sum += Math.exp(gammaGammaLogLikelihood(PARAMS, x, Math.exp(u)) + u);
  return sum * step;
}

describe(gammaGammaLogLikelihood.name, () => {
  it('is a density of the mean spend that integrates to one, for one and for several transactions', () => {
    expect(totalProbability(1)).toBeCloseTo(1, 6);
    expect(totalProbability(5)).toBeCloseTo(1, 6);
  });

  it('refuses customers without repeat purchases or without spend', () => {
    expect(() => gammaGammaLogLikelihood(PARAMS, 0, 20)).toThrow(RangeError);
    expect(() => gammaGammaLogLikelihood(PARAMS, 2, 0)).toThrow(RangeError);
  });
});

describe(conditionalExpectedSpend.name, () => {
  const populationMean = (PARAMS.p * PARAMS.v) / (PARAMS.q - 1);

  it("weighs the customer's own mean by px / (px + q - 1) against the population mean", () => {
    const [x, mx] = [3, 50];
    const weight = (PARAMS.p * x) / (PARAMS.p * x + PARAMS.q - 1);
    expect(conditionalExpectedSpend(PARAMS, x, mx)).toBeCloseTo(
      weight * mx + (1 - weight) * populationMean,
      10,
    );
  });

  it('gives the population mean p v / (q - 1) without repeat purchases', () => {
    expect(conditionalExpectedSpend(PARAMS, 0, 0)).toBeCloseTo(30, 12);
  });

  it("approaches the customer's own mean as repeat purchases accumulate", () => {
    expect(conditionalExpectedSpend(PARAMS, 10_000, 80)).toBeCloseTo(80, 1);
  });

  it("falls back to the customer's own mean when q <= 1 leaves the population mean undefined", () => {
    expect(conditionalExpectedSpend({ ...PARAMS, q: 0.9 }, 4, 42)).toBe(42);
    expect(conditionalExpectedSpend({ ...PARAMS, q: 1 }, 4, 42)).toBe(42);
  });

  it('uses the fallback, or gives nothing, for a customer without repeat purchases when q <= 1', () => {
    expect(conditionalExpectedSpend({ ...PARAMS, q: 0.9 }, 0, 0, 2500)).toBe(2500);
    expect(conditionalExpectedSpend({ ...PARAMS, q: 0.9 }, 0, 0)).toBeUndefined();
  });
});
