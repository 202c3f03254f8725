import { BgNbdParams, bgNbdLogLikelihood } from './bg-nbd';
import { BgNbdObservation, bgNbdTotalLogLikelihood, fitBgNbd } from './bg-nbd-fit';
import { ModelFit } from './model-fit';
import { seededUniform } from './seeded-uniform';
import { generateSyntheticCustomers, summarizeSyntheticPopulation } from './synthetic-customers';

const TRUTH: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const SPEND = { p: 6, q: 4, v: 15 };

function population(customers: number, seed: number): BgNbdObservation[] {
  const random = seededUniform(seed);
  const simulated = generateSyntheticCustomers({
    customers,
    bgNbd: TRUTH,
    gammaGamma: SPEND,
    observationEnd: 39,
    random,
  });
  return summarizeSyntheticPopulation(simulated, 39);
}

function fitted(fit: ModelFit<BgNbdParams>): BgNbdParams {
  if (!fit.ok) throw new Error(fit.message);
  return fit.params;
}

describe(fitBgNbd.name, () => {
  it('recovers the parameters of 20,000 simulated customers within 15%', () => {
    const fit = fitBgNbd(population(20_000, 1));
    expect(fit).toMatchObject({ ok: true, converged: true, customers: 20_000 });
    // Over 20 seeds the largest relative errors were 3% (r), 5% (alpha), 9% (a) and 12% (b).
    const params = fitted(fit);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(params[key] / TRUTH[key] - 1)).toBeLessThan(0.15);
    }
  });

  it('reports the log-likelihood at the fitted parameters, above the one at the truth', () => {
    const observations = population(2_000, 2);
    const fit = fitBgNbd(observations);
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.logLikelihood).toBeCloseTo(bgNbdTotalLogLikelihood(fit.params, observations), 6);
    expect(fit.logLikelihood).toBeGreaterThan(bgNbdTotalLogLikelihood(TRUTH, observations));
  });

  it('finds the same population in days as in weeks, with alpha seven times larger', () => {
    const weeks = population(3_000, 3);
    const days = weeks.map((o) => ({ ...o, recency: o.recency * 7, age: o.age * 7 }));
    const [inWeeks, inDays] = [fitted(fitBgNbd(weeks)), fitted(fitBgNbd(days))];
    expect(inDays.alpha / (7 * inWeeks.alpha)).toBeCloseTo(1, 3);
    expect(inDays.r / inWeeks.r).toBeCloseTo(1, 3);
    expect(inDays.a / inWeeks.a).toBeCloseTo(1, 3);
    expect(inDays.b / inWeeks.b).toBeCloseTo(1, 3);
  });

  it('returns a typed not-enough-data result for an empty population, never NaN', () => {
    expect(fitBgNbd([])).toEqual({
      ok: false,
      reason: 'not-enough-data',
      customers: 0,
      message: expect.stringContaining('at least') as unknown,
    });
  });

  it('refuses a single customer by default, and flags the fit as unconverged when made to try', () => {
    const lone = [{ frequency: 3, recency: 20, age: 30 }];
    expect(fitBgNbd(lone)).toMatchObject({ ok: false, reason: 'not-enough-data', customers: 1 });
    const forced = fitBgNbd(lone, { minCustomers: 1 });
    expect(forced).toMatchObject({ ok: true, converged: false, customers: 1 });
    if (forced.ok) expect(Object.values(forced.params).every(Number.isFinite)).toBe(true);
  });

  it('refuses a population without a single repeat purchase, whose likelihood has no maximum', () => {
    const noRepeats = Array.from({ length: 50 }, (_, i) => ({ frequency: 0, recency: 0, age: 10 + i }));
    expect(fitBgNbd(noRepeats)).toMatchObject({ ok: false, reason: 'not-enough-data', customers: 50 });
  });

  it('refuses an observation whose recency exceeds its age', () => {
    expect(() => fitBgNbd([{ frequency: 1, recency: 9, age: 5 }], { minCustomers: 1 })).toThrow(RangeError);
  });
});

describe(bgNbdTotalLogLikelihood.name, () => {
  it('is the sum of the per-customer log-likelihoods, however many customers share a row', () => {
    const observations = [
      { frequency: 0, recency: 0, age: 30 },
      { frequency: 0, recency: 0, age: 30 },
      { frequency: 2, recency: 12, age: 30 },
      { frequency: 2, recency: 12, age: 30 },
      { frequency: 2, recency: 20, age: 25 },
      { frequency: 7, recency: 29, age: 30 },
    ];
    const expected = observations.reduce(
      (sum, { frequency, recency, age }) => sum + bgNbdLogLikelihood(TRUTH, frequency, recency, age),
      0,
    );
    expect(bgNbdTotalLogLikelihood(TRUTH, observations)).toBeCloseTo(expected, 10);
  });

  it('ignores the recency of a customer without repeat purchases', () => {
    expect(bgNbdTotalLogLikelihood(TRUTH, [{ frequency: 0, recency: 3, age: 30 }])).toBeCloseTo(
      bgNbdLogLikelihood(TRUTH, 0, 0, 30),
      12,
    );
  });
});
