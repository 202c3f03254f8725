import { CustomerConsentV1 } from './customer-consent';

export const CHURN_BANDS = ['low', 'medium', 'high'] as const;
export type ChurnBand = (typeof CHURN_BANDS)[number];

/** `customer.churn-risk.v1`: the first score of a customer and every band change after it. */
export interface ChurnRiskEventV1 {
  readonly eventId: string;
  readonly customerId: string;
  /** 0 (safe) to 1 (gone). */
  readonly score: number;
  readonly band: ChurnBand;
  readonly previousBand: ChurnBand | null;
  readonly reasons: ReadonlyArray<{ readonly code: string; readonly text: string }>;
  readonly trigger: { readonly kind: 'event'; readonly eventId: string } | { readonly kind: 'time' };
  readonly at: string;
  /** Added in v1 without a version bump: the customer's consent when the risk was derived. */
  readonly consent?: CustomerConsentV1;
  readonly schemaVersion: 1;
}
