import { CustomerConsentV1 } from './customer-consent';

/** Population quantile tiers of CLV; `unranked` until the population is large enough to rank. */
export const CLV_SEGMENTS = ['top', 'high', 'medium', 'low', 'unranked'] as const;
export type ClvSegment = (typeof CLV_SEGMENTS)[number];

/** `customer.clv.v1`: a customer's lifetime value under the simple and the predictive model. */
export interface ClvEventV1 {
  readonly eventId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly simple: {
    /** Annual revenue x relationship years - acquisition cost, exact decimal in major units. */
    readonly value: string;
    readonly annualRevenue: string;
    readonly relationshipYears: number;
    /** `observed-churn` once a refit measured the population churn rate, else `configured`. */
    readonly relationshipSource: 'configured' | 'observed-churn';
    readonly acquisitionCost: string;
    readonly acquisitionCostSource: 'attributed' | 'default' | 'none';
    /** Orders minus refunds to date in `currency`. */
    readonly netRevenue: string;
    /** The (floored) tenure the revenue was annualised over. */
    readonly tenureYears: number;
  };
  /** Null until population parameters have been fitted. */
  readonly predictive: {
    readonly value: string;
    readonly probabilityAlive: number;
    readonly expectedPurchases: number;
    readonly expectedAverageOrderValue: string;
    readonly horizonMonths: number;
    readonly annualDiscountRate: number;
    readonly modelVersion: string;
    /** The customer's BG/NBD and Gamma-Gamma summary, in `unit`s. */
    readonly inputs: {
      readonly unit: 'day' | 'week';
      readonly frequency: number;
      readonly recency: number;
      readonly age: number;
      readonly monetary: string;
    };
  } | null;
  /** Population quantile tier. */
  readonly segment: ClvSegment;
  /** Added in v1 without a version bump: the customer's consent when the CLV was derived. */
  readonly consent?: CustomerConsentV1;
  readonly trigger:
    | { readonly kind: 'event'; readonly eventId: string }
    | { readonly kind: 'refit'; readonly modelVersion: string }
    | { readonly kind: 'time' };
  readonly computedAt: string;
  readonly schemaVersion: 1;
}
