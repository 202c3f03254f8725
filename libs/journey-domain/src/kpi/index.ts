export { type ChurnCounts, churnRate, churnRateFromDaily } from './churn-rate';
export {
  type CustomerActivity,
  DEFAULT_ACTIVITY_WINDOW_MS,
  customerActivityFromState,
  isAcquiredIn,
  isActiveAt,
} from './customer-activity';
export {
  type Distribution,
  type HistogramBin,
  type Quantiles,
  distribution,
  nearestRank,
} from './distribution';
export { type FunnelStep, funnel } from './funnel';
export { type CustomerNpsAnswer, latestAnswersInWindow } from './latest-nps-answers';
export { type NetPromoterScore, PROMOTER_MIN_SCORE, netPromoterScore, npsCategoryOf } from './nps';
export { type PeriodCustomerCounts, customerCountsForPeriod } from './period-customer-counts';
export {
  type RetentionClamp,
  type RetentionCounts,
  type RetentionRate,
  retentionRate,
} from './retention-rate';
