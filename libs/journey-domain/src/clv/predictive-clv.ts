import { BgNbdParams } from './bg-nbd';
import { BgNbdObservation } from './bg-nbd-fit';
import { GammaGammaParams, conditionalExpectedSpend } from './gamma-gamma';
import { GammaGammaObservation } from './gamma-gamma-fit';
import { ParetoNbdParams } from './pareto-nbd';
import { PurchaseModel, purchaseModelFunctions } from './purchase-model';
import { roundMinor } from './round-minor';
import { MEAN_MONTH_MS, TimeUnit, unitMs } from './time-unit';

/** Fitted population models, both in the time unit the customers' summaries are in. */
export interface ClvModels {
  readonly unit: TimeUnit;
  readonly bgNbd: BgNbdParams;
  /** Present when the refit fitted it; used when `purchaseModel` is `pareto-nbd`. */
  readonly paretoNbd?: ParetoNbdParams;
  /** Which model gives P(alive) and the expected purchases; default `bg-nbd`. */
  readonly purchaseModel?: PurchaseModel;
  readonly gammaGamma: GammaGammaParams;
  /**
   * Expected spend per purchase, minor units, for a customer the Gamma-Gamma cannot price (q <= 1 and
   * no repeat purchase): `GammaGammaFit.meanSpendMinor` is the natural choice.
   */
  readonly fallbackSpendMinor: number;
}

/** Horizon and discounting of {@link predictiveClv}. */
export interface PredictiveClvOptions {
  /** Whole months; default 12. */
  readonly horizonMonths?: number;
  /** Effective annual rate; default 0.10. */
  readonly annualDiscountRate?: number;
}

/** A customer's predictive CLV and its components. */
export interface PredictiveClv {
  /** Discounted expected spend over the horizon, integer minor units (rounded once, at the end). */
  readonly valueMinor: number;
  readonly probabilityAlive: number;
  /** Expected purchases over the whole horizon, undiscounted. */
  readonly expectedPurchases: number;
  /** Expected spend per purchase, rounded to minor units for reporting (the value uses it unrounded). */
  readonly expectedSpendMinor: number;
  readonly horizonMonths: number;
  readonly annualDiscountRate: number;
}

/** A year ahead: long enough to matter for budgets, short enough for the models to be trusted. */
export const DEFAULT_HORIZON_MONTHS = 12;
/** 10% a year, effective: a common cost of capital for marketing budgets; configuration overrides it. */
export const DEFAULT_ANNUAL_DISCOUNT_RATE = 0.1;

/**
 * The discounted expected value of a customer's purchases over the next `horizonMonths`. Fader,
 * Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4),
 * value a customer as discounted expected transactions x expected spend per transaction (Pareto/NBD
 * and Gamma-Gamma, continuous discounting, unbounded horizon); this follows the lifetimes library's
 * `customer_lifetime_value` instead: the BG/NBD, a finite horizon, and discrete monthly steps:
 *
 *   CLV = Σ_{k=1..H} (E[Y(t_k) | x, t_x, T] - E[Y(t_(k-1)) | x, t_x, T]) · E[Z | x, m_x] / (1 + d)^k,
 *
 * with t_k = k months in model time units, E[Y] the conditional expectation of the chosen purchase
 * model (the BG/NBD by default, or the Pareto/NBD when the refit kept it), E[Z] the
 * Gamma-Gamma expected spend, and cash discounted at the end of each month.
 *
 * Conventions: a month is a twelfth of the mean Gregorian year (30.44 days, 4.348 weeks) in both
 * units, so the same customer gets the same value whether the models run in days or in weeks (lifetimes
 * uses 30 days but 4.345 weeks); the monthly rate d = (1 + annual)^(1/12) - 1 compounds to exactly the
 * annual rate over twelve months, rather than annual / 12, which overstates it.
 */
export function predictiveClv(
  customer: BgNbdObservation & GammaGammaObservation,
  models: ClvModels,
  options: PredictiveClvOptions = {},
): PredictiveClv {
  const horizonMonths = options.horizonMonths ?? DEFAULT_HORIZON_MONTHS;
  const annualDiscountRate = options.annualDiscountRate ?? DEFAULT_ANNUAL_DISCOUNT_RATE;
  if (!(Number.isInteger(horizonMonths) && horizonMonths >= 1)) {
    throw new RangeError(`horizon must be a whole number of months >= 1, got ${horizonMonths}`);
  }
  if (!(annualDiscountRate >= 0 && Number.isFinite(annualDiscountRate))) {
    throw new RangeError(`annual discount rate must be finite and >= 0, got ${annualDiscountRate}`);
  }
  const { frequency: x, recency: tx, age: T, monetaryMinor } = customer;
  const { bgNbd, gammaGamma, fallbackSpendMinor } = models;
  const purchases = purchaseModelFunctions(models.purchaseModel ?? 'bg-nbd', bgNbd, models.paretoNbd);
  const spend =
    conditionalExpectedSpend(gammaGamma, x, monetaryMinor, fallbackSpendMinor) ?? fallbackSpendMinor;
  const month = MEAN_MONTH_MS / unitMs(models.unit);
  const monthlyGrowth = Math.pow(1 + annualDiscountRate, 1 / 12);
  let cumulative = 0;
  let discountedPurchases = 0;
  for (let k = 1; k <= horizonMonths; k += 1) {
    const next = purchases.conditionalExpectedPurchases(k * month, x, tx, T);
    discountedPurchases += (next - cumulative) / Math.pow(monthlyGrowth, k);
    cumulative = next;
  }
  return {
    valueMinor: roundMinor(discountedPurchases * spend),
    probabilityAlive: purchases.probabilityAlive(x, tx, T),
    expectedPurchases: cumulative,
    expectedSpendMinor: roundMinor(spend),
    horizonMonths,
    annualDiscountRate,
  };
}
