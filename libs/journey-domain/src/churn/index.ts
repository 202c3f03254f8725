export { churnBandChanged, churnBandOf } from './churn-band';
export { type ChurnInput, churnInputFromState } from './churn-input';
export { type ChurnAssessment, type ChurnReason, scoreChurnRisk } from './churn-score';
export { type ChurnSignal, type ChurnSignalCode, type ChurnSignals, churnSignals } from './churn-signals';
export { type ChurnThresholds, DEFAULT_CHURN_THRESHOLDS, churnThresholdProblems } from './churn-thresholds';
export { purchaseDaysOf, typicalPurchaseIntervalMs } from './purchase-interval';
