import { CustomerActivity } from '../kpi/customer-activity';
import { nearestRank } from '../kpi/distribution';
import { customerCountsForPeriod } from '../kpi/period-customer-counts';
import { ClvSegmentThresholds } from '../outputs/clv-model-snapshot';
import { BgNbdParams } from './bg-nbd';
import { fitBgNbd } from './bg-nbd-fit';
import { GammaGammaParams } from './gamma-gamma';
import { fitGammaGamma } from './gamma-gamma-fit';
import { FittedModel, ModelFit } from './model-fit';
import { ParetoNbdParams } from './pareto-nbd';
import { fitParetoNbd } from './pareto-nbd-fit';
import { PurchaseModelChoice, choosePurchaseModel } from './purchase-model';
import { ClvModels, PredictiveClvOptions, predictiveClv } from './predictive-clv';
import { PurchaseSummary } from './purchase-summary';
import { relationshipYearsFromChurn } from './relationship-years';

const YEAR_MS = 365 * 86_400_000;

/** Both population models fitted, or why there is nothing to store. */
export type ClvModelsFit =
  | {
      readonly ok: true;
      readonly bgNbd: FittedModel<BgNbdParams>;
      /** Fitted on the same summaries; kept for valuing when {@link choosePurchaseModel} says so. */
      readonly paretoNbd: ModelFit<ParetoNbdParams>;
      readonly purchaseModel: PurchaseModelChoice;
      readonly gammaGamma: FittedModel<GammaGammaParams> & { readonly meanSpendMinor: number };
      readonly models: ClvModels;
    }
  | { readonly ok: false; readonly reasons: readonly string[] };

/**
 * Fits BG/NBD, Pareto/NBD and Gamma-Gamma to the buyers' summaries (all in one time unit). A BG/NBD or
 * Gamma-Gamma fit that refused (too few customers, no repeat purchase) or did not converge to a
 * plausible optimum is reported, not used: a model that cannot be trusted must not value every
 * customer. The Pareto/NBD is the alternative purchase model, kept by `choosePurchaseModel`'s rule
 * (lower AIC on the same summaries) when it converged.
 */
export function fitClvModels(summaries: readonly PurchaseSummary[]): ClvModelsFit {
  const unit = summaries[0]?.unit ?? 'week';
  const bgNbd = fitBgNbd(summaries);
  const gammaGamma = fitGammaGamma(summaries);
  const reasons: string[] = [];
  if (!bgNbd.ok) reasons.push(`BG/NBD: ${bgNbd.message}`);
  else if (!bgNbd.converged) reasons.push('BG/NBD: the fit did not converge to a plausible optimum');
  if (!gammaGamma.ok) reasons.push(`Gamma-Gamma: ${gammaGamma.message}`);
  else if (!gammaGamma.converged)
    reasons.push('Gamma-Gamma: the fit did not converge to a plausible optimum');
  if (!bgNbd.ok || !gammaGamma.ok || reasons.length > 0) return { ok: false, reasons };
  const paretoNbd = fitParetoNbd(summaries);
  const purchaseModel = choosePurchaseModel(bgNbd, paretoNbd);
  return {
    ok: true,
    bgNbd,
    paretoNbd,
    purchaseModel,
    gammaGamma,
    models: {
      unit,
      bgNbd: bgNbd.params,
      ...(paretoNbd.ok && { paretoNbd: paretoNbd.params }),
      purchaseModel: purchaseModel.model,
      gammaGamma: gammaGamma.params,
      fallbackSpendMinor: gammaGamma.meanSpendMinor,
    },
  };
}

/**
 * The expected relationship length from the population churn rate over the year before `now`, or
 * null when fewer than `minStartPopulation` customers were active at its start: a rate from a handful
 * of customers says little, and the configured length is the better guess.
 */
export function observedRelationshipYears(
  activities: readonly CustomerActivity[],
  now: number,
  activityWindowMs: number,
  minStartPopulation: number,
): number | null {
  const counts = customerCountsForPeriod(activities, now - YEAR_MS, now, activityWindowMs);
  if (counts.startCount < minStartPopulation || counts.churnRate === null) return null;
  return relationshipYearsFromChurn(counts.churnRate / 100);
}

/**
 * The CLV tiers of the population under the new models: nearest-rank p50, p75 and p90 of every
 * buyer's predictive CLV, so the tiers are amounts some customer actually has. Null without buyers.
 */
export function clvSegmentThresholds(
  summaries: readonly PurchaseSummary[],
  models: ClvModels,
  options: PredictiveClvOptions,
): ClvSegmentThresholds | null {
  if (summaries.length === 0) return null;
  const values = summaries.map((summary) => predictiveClv(summary, models, options).valueMinor);
  values.sort((a, b) => a - b);
  return { p50: nearestRank(values, 50), p75: nearestRank(values, 75), p90: nearestRank(values, 90) };
}
