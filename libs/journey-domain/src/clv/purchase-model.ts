import { BgNbdParams, conditionalExpectedPurchases, probabilityAlive } from './bg-nbd';
import { FittedModel, ModelFit } from './model-fit';
import {
  ParetoNbdParams,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdProbabilityAlive,
} from './pareto-nbd';

/** The two purchase-and-drop-out models: which one values customers. */
export type PurchaseModel = 'bg-nbd' | 'pareto-nbd';

/** A purchase model's answers for one customer (x, t_x, T), in the unit it was fitted in. */
export interface PurchaseModelFunctions {
  readonly probabilityAlive: (x: number, tx: number, T: number) => number;
  readonly conditionalExpectedPurchases: (t: number, x: number, tx: number, T: number) => number;
}

/** P(alive) and E[Y(t) | x, t_x, T] of the chosen model. */
export function purchaseModelFunctions(
  model: PurchaseModel,
  bgNbd: BgNbdParams,
  paretoNbd: ParetoNbdParams | undefined,
): PurchaseModelFunctions {
  if (model === 'pareto-nbd') {
    if (paretoNbd === undefined) throw new RangeError('the Pareto/NBD is chosen but has no parameters');
    return {
      probabilityAlive: (x, tx, T) => paretoNbdProbabilityAlive(paretoNbd, x, tx, T),
      conditionalExpectedPurchases: (t, x, tx, T) =>
        paretoNbdConditionalExpectedPurchases(paretoNbd, t, x, tx, T),
    };
  }
  return {
    probabilityAlive: (x, tx, T) => probabilityAlive(bgNbd, x, tx, T),
    conditionalExpectedPurchases: (t, x, tx, T) => conditionalExpectedPurchases(bgNbd, t, x, tx, T),
  };
}

/** Which purchase model to keep, and why, in words for logs and reports. */
export interface PurchaseModelChoice {
  readonly model: PurchaseModel;
  readonly reason: string;
}

/** Akaike's information criterion, 2k - 2 ln L: lower is better. */
export function aic(logLikelihood: number, parameters: number): number {
  return 2 * parameters - 2 * logLikelihood;
}

/**
 * The documented rule for keeping one purchase model: the lower AIC (2k - 2 ln L) on the same
 * calibration summaries. Both models have four parameters, so this is the larger log-likelihood; the
 * rule is stated as AIC so that a model with another number of parameters could join on equal terms.
 * Only a converged fit can be kept; a tie keeps the BG/NBD, the cheaper of the two to evaluate.
 */
export function choosePurchaseModel(
  bgNbd: FittedModel<BgNbdParams>,
  paretoNbd: ModelFit<ParetoNbdParams>,
): PurchaseModelChoice {
  if (!paretoNbd.ok) return { model: 'bg-nbd', reason: `Pareto/NBD not fitted: ${paretoNbd.message}` };
  if (!paretoNbd.converged) {
    return { model: 'bg-nbd', reason: 'Pareto/NBD did not converge to a plausible optimum' };
  }
  const [bg, pareto] = [aic(bgNbd.logLikelihood, 4), aic(paretoNbd.logLikelihood, 4)];
  const compared = `AIC BG/NBD ${bg.toFixed(1)}, Pareto/NBD ${pareto.toFixed(1)}`;
  if (!bgNbd.converged || pareto < bg)
    return { model: 'pareto-nbd', reason: `${compared}: Pareto/NBD fits better` };
  return { model: 'bg-nbd', reason: `${compared}: BG/NBD fits at least as well` };
}
