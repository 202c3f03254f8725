import { Money, toMinorUnits } from '@pipeline/contracts';
import {
  DEFAULT_CHURN_THRESHOLDS,
  MEAN_YEAR_MS,
  OutputSettings,
  churnThresholdProblems,
} from '@pipeline/journey-domain';
import { PipelineEnv } from './pipeline.env';

const DAY_MS = 86_400_000;

function parseMoney(text: string): Money {
  const [amount = '', currency = ''] = text.split(' ');
  const result = toMinorUnits(amount, currency);
  if (!result.ok) throw new Error(`DEFAULT_ACQUISITION_COST amount ${result.message}`);
  return { minor: result.minor, currency };
}

/** How CLV and churn risk are computed, from the shared environment; throws on unusable thresholds. */
export function outputSettingsFromEnv(env: PipelineEnv): OutputSettings {
  const churnThresholds = {
    ...DEFAULT_CHURN_THRESHOLDS,
    bands: { medium: env.CHURN_MEDIUM_SCORE, high: env.CHURN_HIGH_SCORE },
    overdue: {
      ...DEFAULT_CHURN_THRESHOLDS.overdue,
      defaultIntervalMs: env.CHURN_DEFAULT_PURCHASE_INTERVAL_DAYS * DAY_MS,
    },
    inactive: { ...DEFAULT_CHURN_THRESHOLDS.inactive, windowMs: env.ACTIVITY_WINDOW_DAYS * DAY_MS },
  };
  const problems = churnThresholdProblems(churnThresholds);
  if (problems.length > 0) throw new Error(`invalid churn thresholds:\n  ${problems.join('\n  ')}`);
  return {
    currency: env.PIPELINE_CURRENCY,
    relationshipYears: env.CLV_RELATIONSHIP_YEARS,
    minTenureMs: env.CLV_MIN_TENURE_YEARS * MEAN_YEAR_MS,
    horizonMonths: env.CLV_HORIZON_MONTHS,
    annualDiscountRate: env.CLV_ANNUAL_DISCOUNT_RATE,
    churnThresholds,
    ...(env.DEFAULT_ACQUISITION_COST && { defaultAcquisitionCost: parseMoney(env.DEFAULT_ACQUISITION_COST) }),
  };
}

export function activityWindowMs(env: PipelineEnv): number {
  return env.ACTIVITY_WINDOW_DAYS * DAY_MS;
}
