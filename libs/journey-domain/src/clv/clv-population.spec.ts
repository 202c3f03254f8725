import { CustomerActivity } from '../kpi/customer-activity';
import { predictiveClv } from './predictive-clv';
import { PurchaseSummary } from './purchase-summary';
import { seededUniform } from './seeded-uniform';
import { generateSyntheticCustomers, summarizeSyntheticPopulation } from './synthetic-customers';
import { clvSegmentThresholds, fitClvModels, observedRelationshipYears } from './clv-population';

const DAY = 86_400_000;
const BG_NBD = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const GAMMA_GAMMA = { p: 6, q: 4, v: 15 };

function population(customers: number, seed: number): PurchaseSummary[] {
  const simulated = generateSyntheticCustomers({
    customers,
    bgNbd: BG_NBD,
    gammaGamma: GAMMA_GAMMA,
    observationEnd: 52,
    acquisitionWindow: 26,
    random: seededUniform(seed),
  });
  return summarizeSyntheticPopulation(simulated, 52).map((s) => ({
    ...s,
    unit: 'week',
    currency: 'EUR',
    repeatSpendMinor: Math.round(s.monetaryMinor * s.frequency),
    netRevenueMinor: Math.round(s.monetaryMinor * (s.frequency + 1)),
    firstPurchaseAt: 0,
    excludedOrders: 0,
  }));
}

describe(fitClvModels.name, () => {
  it('fits both models and prices customers the Gamma-Gamma cannot at the mean spend', () => {
    const fit = fitClvModels(population(3_000, 7));
    if (!fit.ok) throw new Error(fit.reasons.join('; '));
    expect(fit.models.unit).toBe('week');
    expect(fit.models.fallbackSpendMinor).toBe(fit.gammaGamma.meanSpendMinor);
    expect(fit.bgNbd.params.r).toBeGreaterThan(0.1);
    expect(fit.bgNbd.params.r).toBeLessThan(0.5);
  });

  it('refuses, naming each model that could not be fitted, when there are too few buyers', () => {
    const fit = fitClvModels(population(10, 1));
    expect(fit.ok).toBe(false);
    if (fit.ok) return;
    expect(fit.reasons.join(' ')).toMatch(/BG\/NBD: .*at least 30/);
    expect(fit.reasons.join(' ')).toMatch(/Gamma-Gamma: .*at least 30/);
  });
});

describe(observedRelationshipYears.name, () => {
  const now = Date.UTC(2026, 10, 22);
  const yearAgo = now - 365 * DAY;
  const buyer = (id: number, ...times: number[]): CustomerActivity => ({
    customerId: `c-${id}`,
    firstOrderAt: times[0] ?? null,
    purchaseTimes: times,
  });

  it('takes the relationship length from the churn rate of the past year', () => {
    // 200 active a year ago, 150 of them lost, 50 retained: churn 150 / 125 = 120% -> 1 / 1.2 years.
    const lost = Array.from({ length: 150 }, (_, i) => buyer(i, yearAgo - 10 * DAY));
    const kept = Array.from({ length: 50 }, (_, i) => buyer(1_000 + i, yearAgo - 10 * DAY, now - 10 * DAY));
    expect(observedRelationshipYears([...lost, ...kept], now, 365 * DAY, 100)).toBeCloseTo(1 / 1.2, 10);
  });

  it('is null while fewer customers than the minimum were active a year ago', () => {
    const few = Array.from({ length: 99 }, (_, i) => buyer(i, yearAgo - 10 * DAY));
    expect(observedRelationshipYears(few, now, 365 * DAY, 100)).toBeNull();
  });
});

describe(clvSegmentThresholds.name, () => {
  it('ranks the population by predictive CLV at p50, p75 and p90, each some customer`s value', () => {
    const summaries = population(3_000, 7);
    const fit = fitClvModels(summaries);
    if (!fit.ok) throw new Error(fit.reasons.join('; '));
    const thresholds = clvSegmentThresholds(summaries, fit.models, { horizonMonths: 12 });
    expect(thresholds).not.toBeNull();
    const { p50, p75, p90 } = thresholds!;
    expect(p50).toBeLessThanOrEqual(p75);
    expect(p75).toBeLessThanOrEqual(p90);
    const values = summaries.map((s) => predictiveClv(s, fit.models, { horizonMonths: 12 }).valueMinor);
    expect(values).toContain(p90);
    expect(values.filter((v) => v >= p90).length / values.length).toBeCloseTo(0.1, 1);
  });

  it('has no tiers without buyers', () => {
    expect(
      clvSegmentThresholds(
        [],
        { unit: 'week', bgNbd: BG_NBD, gammaGamma: GAMMA_GAMMA, fallbackSpendMinor: 0 },
        {},
      ),
    ).toBeNull();
  });
});
