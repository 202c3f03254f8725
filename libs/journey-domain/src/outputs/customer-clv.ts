import { ClvSegment } from '@pipeline/contracts';
import { PredictiveClv, predictiveClv } from '../clv/predictive-clv';
import { PurchaseSummary, purchaseSummary } from '../clv/purchase-summary';
import { SimpleClv, simpleClv } from '../clv/simple-clv';
import { MEAN_YEAR_MS } from '../clv/time-unit';
import { JourneyState } from '../journey-state';
import { ClvModelSnapshot, ClvSegmentThresholds } from './clv-model-snapshot';
import { OutputSettings } from './output-settings';

export interface CustomerClv {
  readonly summary: PurchaseSummary;
  readonly simple: SimpleClv;
  readonly relationshipSource: 'configured' | 'observed-churn';
  readonly acquisitionSource: 'attributed' | 'default' | 'none';
  readonly predictive: (PredictiveClv & { readonly modelVersion: string }) | null;
  readonly segment: ClvSegment;
}

function acquisitionCost(
  state: JourneyState,
  settings: OutputSettings,
): { minor: number; source: CustomerClv['acquisitionSource'] } {
  let attributed = 0;
  let any = false;
  for (const [minor, currency] of Object.values(state.acq ?? {})) {
    if (currency !== settings.currency) continue;
    attributed += minor;
    any = true;
  }
  if (any) return { minor: attributed, source: 'attributed' };
  const fallback = settings.defaultAcquisitionCost;
  if (fallback && fallback.currency === settings.currency)
    return { minor: fallback.minor, source: 'default' };
  return { minor: 0, source: 'none' };
}

/** Tiers by the population's quantiles at the last refit: top 10 %, next 15 %, next 25 %, the rest. */
export function clvSegment(
  valueMinor: number,
  thresholds: ClvSegmentThresholds | null | undefined,
): ClvSegment {
  if (!thresholds) return 'unranked';
  if (valueMinor >= thresholds.p90) return 'top';
  if (valueMinor >= thresholds.p75) return 'high';
  if (valueMinor >= thresholds.p50) return 'medium';
  return 'low';
}

/**
 * Both CLV models for one customer as of `now`; undefined for a customer with no counted purchase
 * in the pipeline currency (CLV is about customers who bought).
 *
 * Simple CLV = annual revenue x relationship years - acquisition cost. Revenue is annualised over the
 * tenure since the first order but at least `minTenureMs` (a year by default): a one-order customer's
 * annual revenue is that order, not the order extrapolated as if it recurred monthly. The relationship length
 * observed from the population churn rate once a refit could measure it, else configured. The
 * predictive CLV needs fitted models; the segment ranks the predictive value when there is one,
 * else the simple value, against the same measure's quantiles at the last refit.
 */
export function customerClv(
  state: JourneyState,
  now: number,
  settings: OutputSettings,
  model: ClvModelSnapshot | undefined,
): CustomerClv | undefined {
  const unit = model?.unit ?? 'week';
  const summary = purchaseSummary(state, { currency: settings.currency, unit, now });
  if (!summary) return undefined;
  const observed = model?.observedRelationshipYears ?? null;
  const acquisition = acquisitionCost(state, settings);
  const simple = simpleClv({
    netRevenueMinor: summary.netRevenueMinor,
    firstPurchaseAt: summary.firstPurchaseAt,
    now,
    relationshipYears: observed ?? settings.relationshipYears,
    acquisitionCostMinor: acquisition.minor,
    minTenureMs: settings.minTenureMs ?? MEAN_YEAR_MS,
  });
  const predictive =
    model && model.currency === settings.currency
      ? {
          ...predictiveClv(
            summary,
            {
              unit: model.unit,
              bgNbd: model.bgNbd.params,
              ...(model.paretoNbd && { paretoNbd: model.paretoNbd.params }),
              purchaseModel: model.purchaseModel ?? 'bg-nbd',
              gammaGamma: model.gammaGamma.params,
              fallbackSpendMinor: model.fallbackSpendMinor,
            },
            { horizonMonths: settings.horizonMonths, annualDiscountRate: settings.annualDiscountRate },
          ),
          modelVersion: model.version,
        }
      : null;
  return {
    summary,
    simple,
    relationshipSource: observed === null ? 'configured' : 'observed-churn',
    acquisitionSource: acquisition.source,
    predictive,
    segment: clvSegment(predictive?.valueMinor ?? simple.valueMinor, model?.segmentThresholds),
  };
}
