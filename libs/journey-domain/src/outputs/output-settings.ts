import { Money } from '@pipeline/contracts';
import { ChurnThresholds } from '../churn/churn-thresholds';

/** How the derived outputs are computed; resolved from configuration once. */
export interface OutputSettings {
  /** The pipeline currency: CLV is computed from orders in it. */
  readonly currency: string;
  /** Relationship length the simple CLV assumes until the population churn rate is known. */
  readonly relationshipYears: number;
  /** Floor on the tenure revenue is annualised over, ms (a year by default: see customerClv). */
  readonly minTenureMs?: number;
  readonly defaultAcquisitionCost?: Money;
  readonly horizonMonths: number;
  readonly annualDiscountRate: number;
  readonly churnThresholds: ChurnThresholds;
}
