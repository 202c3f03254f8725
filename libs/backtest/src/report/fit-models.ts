import {
  BgNbdParams,
  FittedModel,
  GammaGammaFit,
  ModelFit,
  ParetoNbdParams,
  PurchaseSummary,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
} from '@pipeline/journey-domain';
import { performance } from 'node:perf_hooks';
import { BacktestError } from '../backtest.error';

/** The two population models fitted to the calibration cohort, with how long each fit took. */
export interface BacktestModels {
  readonly bgNbd: FittedModel<BgNbdParams>;
  /** Not ok when there are too few repeat buyers with a positive spend; the spend check is then left out. */
  readonly gammaGamma: GammaGammaFit;
  /** The second purchase model, on the same summaries; not ok with too few customers. */
  readonly paretoNbd: ModelFit<ParetoNbdParams>;
  readonly fitMs: { readonly bgNbd: number; readonly gammaGamma: number; readonly paretoNbd: number };
}

/** What the replay left out for being in another currency, so a failed fit can say so. */
export interface CurrencyContext {
  /** The pipeline currency: the only one the models value. */
  readonly currency: string;
  /** Orders and refunds in other currencies, per currency. */
  readonly otherCurrencies: Readonly<Record<string, number>>;
}

/**
 * `left out 1200 orders or refunds in USD, 3 in GBP: the models value EUR only (PIPELINE_CURRENCY)`, or
 * undefined when nothing was left out.
 */
export function otherCurrencyNote(context: CurrencyContext): string | undefined {
  const entries = Object.entries(context.otherCurrencies).sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return undefined;
  const counts = entries.map(([currency, n], i) =>
    i === 0 ? `${n} orders or refunds in ${currency}` : `${n} in ${currency}`,
  );
  return `left out ${counts.join(', ')}: the models value ${context.currency} only (PIPELINE_CURRENCY)`;
}

/**
 * Fits BG/NBD, Pareto/NBD and Gamma-Gamma to the calibration summaries with the journey domain's
 * `fitBgNbd`, `fitParetoNbd` and `fitGammaGamma` at their defaults: the fitter the scheduled CLV refit uses. Unlike the refit, an
 * unconverged fit is still reported (with a warning) rather than refused: a backtest is how one finds
 * out whether such a fit predicts anything. Throws `NOT_ENOUGH_DATA` when BG/NBD cannot be fitted,
 * naming the currency and what other currencies were left out when `currency` is given.
 */
export function fitBacktestModels(
  summaries: readonly PurchaseSummary[],
  currency?: CurrencyContext,
): BacktestModels {
  const started = performance.now();
  const bgNbd = fitBgNbd(summaries);
  const fitted = performance.now();
  const gammaGamma = fitGammaGamma(summaries);
  const ggDone = performance.now();
  const paretoNbd = fitParetoNbd(summaries);
  const done = performance.now();
  if (!bgNbd.ok) {
    const note = currency && otherCurrencyNote(currency);
    const where = currency ? ` (customers with orders in ${currency.currency})` : '';
    throw new BacktestError('NOT_ENOUGH_DATA', `BG/NBD: ${bgNbd.message}${where}${note ? `; ${note}` : ''}`);
  }
  return {
    bgNbd,
    gammaGamma,
    paretoNbd,
    fitMs: { bgNbd: fitted - started, gammaGamma: ggDone - fitted, paretoNbd: done - ggDone },
  };
}
