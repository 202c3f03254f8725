import { cdnowSummary } from '../../test/cdnow-summary';
import { fitBgNbd } from './bg-nbd-fit';
import { FittedModel } from './model-fit';
import {
  ParetoNbdParams,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdProbabilityAlive,
} from './pareto-nbd';
import { fitParetoNbd } from './pareto-nbd-fit';
import { predictiveClv } from './predictive-clv';
import { aic, choosePurchaseModel } from './purchase-model';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PARETO: ParetoNbdParams = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };

function fitted<P>(params: P, logLikelihood: number, converged = true): FittedModel<P> {
  return { ok: true, params, logLikelihood, customers: 100, iterations: 10, converged };
}

describe(choosePurchaseModel.name, () => {
  it('keeps the lower AIC, which for two four-parameter models is the larger log-likelihood', () => {
    expect(aic(-100, 4)).toBe(208);
    expect(choosePurchaseModel(fitted(BG, -100), fitted(PARETO, -99))).toEqual({
      model: 'pareto-nbd',
      reason: 'AIC BG/NBD 208.0, Pareto/NBD 206.0: Pareto/NBD fits better',
    });
    expect(choosePurchaseModel(fitted(BG, -100), fitted(PARETO, -100)).model).toBe('bg-nbd');
  });

  it('never keeps a Pareto/NBD that failed or did not converge', () => {
    expect(choosePurchaseModel(fitted(BG, -100), fitted(PARETO, -50, false)).model).toBe('bg-nbd');
    expect(
      choosePurchaseModel(fitted(BG, -100), {
        ok: false,
        reason: 'not-enough-data',
        customers: 3,
        message: 'too few',
      }),
    ).toEqual({ model: 'bg-nbd', reason: 'Pareto/NBD not fitted: too few' });
  });

  it('keeps the BG/NBD on CDNOW, as Fader, Hardie & Lee found (-9582.4 against -9595.0)', () => {
    const summary = cdnowSummary();
    const bg = fitBgNbd(summary);
    if (!bg.ok) throw new Error(bg.message);
    expect(choosePurchaseModel(bg, fitParetoNbd(summary)).model).toBe('bg-nbd');
  });
});

describe('predictive CLV under the Pareto/NBD', () => {
  it('values purchases with the Pareto/NBD when it is the chosen model', () => {
    const customer = { frequency: 26, recency: 30.86, age: 31, monetaryMinor: 2_500 };
    const models = {
      unit: 'week' as const,
      bgNbd: BG,
      paretoNbd: PARETO,
      purchaseModel: 'pareto-nbd' as const,
      gammaGamma: { p: 6.25, q: 3.74, v: 15.44 },
      fallbackSpendMinor: 3_500,
    };
    const clv = predictiveClv(customer, models, { horizonMonths: 12, annualDiscountRate: 0 });
    expect(clv.probabilityAlive).toBe(paretoNbdProbabilityAlive(PARETO, 26, 30.86, 31));
    const yearInWeeks = 365.2425 / 7;
    expect(clv.expectedPurchases).toBeCloseTo(
      paretoNbdConditionalExpectedPurchases(PARETO, yearInWeeks, 26, 30.86, 31),
      9,
    );
    const bgClv = predictiveClv(customer, { ...models, purchaseModel: 'bg-nbd' }, { horizonMonths: 12 });
    expect(bgClv.expectedPurchases).not.toBeCloseTo(clv.expectedPurchases, 2);
  });
});
