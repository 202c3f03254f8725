import { expectedPurchases, probabilityAlive } from './bg-nbd';
import { seededUniform } from './seeded-uniform';
import {
  generateSyntheticCustomers,
  summarizeSynthetic,
  summarizeSyntheticPopulation,
} from './synthetic-customers';

const BG_NBD = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const SPEND = { p: 6, q: 4, v: 15 };

function meanAndError(values: readonly number[]): { mean: number; error: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, error: Math.sqrt(variance / values.length) };
}

describe(generateSyntheticCustomers.name, () => {
  const simulate = (seed: number, acquisitionWindow = 0) =>
    generateSyntheticCustomers({
      customers: 20_000,
      bgNbd: BG_NBD,
      gammaGamma: SPEND,
      observationEnd: 39,
      acquisitionWindow,
      random: seededUniform(seed),
    });
  const cohort = simulate(11);

  it('replays the same population from the same seed', () => {
    const small = (seed: number) =>
      generateSyntheticCustomers({
        customers: 50,
        bgNbd: BG_NBD,
        gammaGamma: SPEND,
        observationEnd: 39,
        random: seededUniform(seed),
      });
    expect(small(5)).toEqual(small(5));
    expect(small(6)).not.toEqual(small(5));
  });

  it('keeps purchases ascending inside the window, with one whole, non-negative amount each', () => {
    for (const customer of simulate(12, 20).slice(0, 2000)) {
      expect(customer.purchaseTimes[0]).toBeLessThanOrEqual(20);
      customer.purchaseTimes.forEach(
        (t, i) => i > 0 && expect(t).toBeGreaterThan(customer.purchaseTimes[i - 1]),
      );
      expect(customer.purchaseTimes[customer.purchaseTimes.length - 1]).toBeLessThanOrEqual(39);
      expect(customer.amountsMinor).toHaveLength(customer.purchaseTimes.length);
      customer.amountsMinor.forEach((amount) =>
        expect(Number.isSafeInteger(amount) && amount >= 0).toBe(true),
      );
    }
  });

  it('makes as many repeat purchases on average as the BG/NBD expects, E[X(39)]', () => {
    const { mean, error } = meanAndError(cohort.map((c) => c.purchaseTimes.length - 1));
    expect(Math.abs(mean - expectedPurchases(BG_NBD, 39))).toBeLessThan(4 * error);
  });

  it("leaves as many customers alive as the model's P(alive) predicts from their histories", () => {
    const alive = meanAndError(cohort.map((c) => (c.aliveAtEnd ? 1 : 0)));
    const predicted = cohort.reduce((sum, c) => {
      const s = summarizeSynthetic(c, 39)!;
      return sum + probabilityAlive(BG_NBD, s.frequency, s.recency, s.age);
    }, 0);
    expect(Math.abs(alive.mean - predicted / cohort.length)).toBeLessThan(4 * alive.error);
  });

  it('spends p v / (q - 1) per purchase on average, recorded in cents', () => {
    const { mean, error } = meanAndError(cohort.flatMap((c) => c.amountsMinor));
    expect(Math.abs(mean - 3000)).toBeLessThan(4 * error);
  });
});

describe(summarizeSynthetic.name, () => {
  const customer = {
    purchaseTimes: [2, 5, 9.5, 30],
    amountsMinor: [100, 200, 400, 800],
    lambda: 1,
    dropProbability: 0.1,
    nu: 1,
    aliveAtEnd: true,
  };

  it('counts repeat purchases up to the cut-off and measures from the first purchase', () => {
    expect(summarizeSynthetic(customer, 20)).toEqual({
      frequency: 2,
      recency: 7.5,
      age: 18,
      monetaryMinor: 300,
    });
  });

  it('has no repeat spend without repeat purchases, and no summary before the first purchase', () => {
    expect(summarizeSynthetic(customer, 3)).toEqual({ frequency: 0, recency: 0, age: 1, monetaryMinor: 0 });
    expect(summarizeSynthetic(customer, 1)).toBeUndefined();
    expect(summarizeSyntheticPopulation([customer], 1)).toEqual([]);
  });
});
