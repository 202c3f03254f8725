import {
  BgNbdParams,
  FittedModel,
  GammaGammaFit,
  PurchaseSummary,
  fitBgNbd,
  fitGammaGamma,
} from '@pipeline/journey-domain';
import { performance } from 'node:perf_hooks';
import { BacktestError } from '../backtest.error';

/** The two population models fitted to the calibration cohort, with how long each fit took. */
export interface BacktestModels {
  readonly bgNbd: FittedModel<BgNbdParams>;
  /** Not ok when there are too few repeat buyers with a positive spend; the spend check is then left out. */
  readonly gammaGamma: GammaGammaFit;
  readonly fitMs: { readonly bgNbd: number; readonly gammaGamma: number };
}

/**
 * Fits BG/NBD and Gamma-Gamma to the calibration summaries with the journey domain's `fitBgNbd` and
 * `fitGammaGamma` at their defaults: the fitter the scheduled CLV refit uses. Unlike the refit, an
 * unconverged fit is still reported (with a warning) rather than refused: a backtest is how one finds
 * out whether such a fit predicts anything. Throws `NOT_ENOUGH_DATA` when BG/NBD cannot be fitted.
 */
export function fitBacktestModels(summaries: readonly PurchaseSummary[]): BacktestModels {
  const started = performance.now();
  const bgNbd = fitBgNbd(summaries);
  const fitted = performance.now();
  const gammaGamma = fitGammaGamma(summaries);
  const done = performance.now();
  if (!bgNbd.ok) throw new BacktestError('NOT_ENOUGH_DATA', `BG/NBD: ${bgNbd.message}`);
  return { bgNbd, gammaGamma, fitMs: { bgNbd: fitted - started, gammaGamma: done - fitted } };
}
