export { type TimeUnit, MEAN_MONTH_MS, MEAN_YEAR_MS, unitMs } from './time-unit';
export { roundMinor } from './round-minor';
export { type UniformSource, seededUniform } from './seeded-uniform';
export {
  sampleBeta,
  sampleExponential,
  sampleGamma,
  samplePoisson,
  sampleStandardNormal,
} from './random-variates';
export { logBeta, logGamma } from './log-gamma';
export { hyp2f1, scaledHyp2f1 } from './hyp2f1';
export { type FittedModel, type ModelFit, type UnfittedModel } from './model-fit';
export { type NelderMeadOptions, type NelderMeadResult, minimizeNelderMead } from './nelder-mead';
export {
  type BgNbdParams,
  bgNbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  probabilityAlive,
} from './bg-nbd';
export {
  type BgNbdFitOptions,
  type BgNbdObservation,
  DEFAULT_BG_NBD_MIN_CUSTOMERS,
  bgNbdTotalLogLikelihood,
  fitBgNbd,
} from './bg-nbd-fit';
export {
  type ParetoNbdParams,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
} from './pareto-nbd';
export {
  type ParetoNbdFitOptions,
  DEFAULT_PARETO_NBD_MIN_CUSTOMERS,
  fitParetoNbd,
  paretoNbdTotalLogLikelihood,
} from './pareto-nbd-fit';
export {
  type PurchaseModel,
  type PurchaseModelChoice,
  type PurchaseModelFunctions,
  aic,
  choosePurchaseModel,
  purchaseModelFunctions,
} from './purchase-model';
export { type GammaGammaParams, conditionalExpectedSpend, gammaGammaLogLikelihood } from './gamma-gamma';
export {
  type GammaGammaFit,
  type GammaGammaFitOptions,
  type GammaGammaObservation,
  DEFAULT_GAMMA_GAMMA_MIN_CUSTOMERS,
  fitGammaGamma,
} from './gamma-gamma-fit';
export { type PurchaseSummary, type PurchaseSummaryOptions, purchaseSummary } from './purchase-summary';
export { addCurrencyCounts, otherCurrencyOrders, otherCurrencyOrdersNote } from './other-currency-orders';
export {
  type RelationshipBounds,
  DEFAULT_RELATIONSHIP_BOUNDS,
  relationshipYearsFromChurn,
} from './relationship-years';
export {
  type SimpleClv,
  type SimpleClvInput,
  type SimpleClvTerms,
  DEFAULT_MIN_TENURE_MS,
  annualRevenueMinor,
  simpleClv,
  simpleClvMinor,
} from './simple-clv';
export {
  type ClvModels,
  type PredictiveClv,
  type PredictiveClvOptions,
  DEFAULT_ANNUAL_DISCOUNT_RATE,
  DEFAULT_HORIZON_MONTHS,
  predictiveClv,
} from './predictive-clv';
export {
  type SyntheticCustomer,
  type SyntheticPopulationOptions,
  type SyntheticSummary,
  generateSyntheticCustomers,
  summarizeSynthetic,
  summarizeSyntheticPopulation,
} from './synthetic-customers';
export {
  type ClvModelsFit,
  clvSegmentThresholds,
  fitClvModels,
  observedRelationshipYears,
} from './clv-population';
export { clvModelVersion } from './clv-model-version';
