import { expectationOverBeta } from './beta-mixture';

describe(expectationOverBeta.name, () => {
  it('integrates the density to one, including singular densities', () => {
    for (const [a, b] of [
      [2, 3],
      [0.3, 0.4],
      [0.05, 5],
      [1, 1],
    ]) {
      expect(expectationOverBeta(a, b, () => 1)).toBeCloseTo(1, 11);
    }
  });

  it('gives the beta mean a / (a + b) and E[1/p] = (a + b - 1) / (a - 1)', () => {
    expect(expectationOverBeta(0.793, 2.426, (p) => p)).toBeCloseTo(0.793 / 3.219, 11);
    expect(expectationOverBeta(2.5, 1.7, (p) => 1 / p)).toBeCloseTo(3.2 / 1.5, 10);
  });
});
