import { CustomerConsentV1, EventType, IncidentKind, JourneyStage } from '@pipeline/contracts';

/** ISO-8601 instant in UTC, e.g. `2026-03-01T11:00:00.000Z`. */
export type IsoInstant = string;

export interface StageTimes {
  readonly firstEnteredAt: IsoInstant | null;
  readonly lastEnteredAt: IsoInstant | null;
}

/** Money of one currency, integer minor units. */
export interface CurrencyTotals {
  /** Amounts of orders that are not cancelled. */
  readonly grossMinor: number;
  /** Refunds, except those of cancelled orders (a cancellation already took the order out of gross). */
  readonly refundedMinor: number;
  /** gross - refunded; negative while a refund is known before its order or exceeds it. */
  readonly netMinor: number;
}

export interface OrdersView {
  /** Distinct orders placed, cancelled or not. */
  readonly count: number;
  readonly cancelledCount: number;
  readonly firstOrderAt: IsoInstant | null;
  readonly lastOrderAt: IsoInstant | null;
  readonly byCurrency: Readonly<Record<string, CurrencyTotals>>;
}

export interface OpenIncident {
  readonly incidentId: string;
  readonly kind: IncidentKind;
  readonly reportedAt: IsoInstant;
}

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export interface SubscriptionView {
  readonly subscriptionId: string;
  readonly status: 'active' | 'cancelled';
  readonly lastRenewedAt: IsoInstant | null;
  readonly lastCancelledAt: IsoInstant | null;
}

export interface AcquisitionCostView {
  /** Spend per currency in minor units. */
  readonly byCurrency: Readonly<Record<string, number>>;
  /** `attributed` from awareness events, `default` from the caller's option, `none` without either. */
  readonly source: 'attributed' | 'default' | 'none';
}

/** The read model of one customer's journey; money in minor units, times as ISO instants. */
export interface JourneyView {
  readonly customerId: string;
  readonly currentStage: JourneyStage;
  readonly furthestStage: JourneyStage;
  readonly currentStageSince: IsoInstant;
  /** `now - currentStageSince`, never negative. */
  readonly timeInCurrentStageMs: number;
  readonly stages: Readonly<Record<JourneyStage, StageTimes>>;
  readonly countsByType: Readonly<Partial<Record<EventType, number>>>;
  readonly channels: readonly string[];
  /** Anonymous ids whose journeys were merged into this one by `identify`. */
  readonly mergedAnonymousIds: readonly string[];
  readonly orders: OrdersView;
  readonly openIncidents: readonly OpenIncident[];
  /** The latest consent answer per channel by event time; channels never answered are absent. */
  readonly consent: CustomerConsentV1;
  readonly nps: { readonly score: number; readonly category: NpsCategory; readonly at: IsoInstant } | null;
  readonly reviews: {
    readonly count: number;
    /** Mean rating rounded to two decimals, null without reviews. */
    readonly averageRating: number | null;
    readonly lastReviewAt: IsoInstant | null;
  };
  readonly referrals: { readonly sent: number; readonly converted: number };
  readonly subscriptions: readonly SubscriptionView[];
  readonly loyaltyJoinedAt: IsoInstant | null;
  readonly acquisitionCost: AcquisitionCostView;
  readonly firstSeenAt: IsoInstant;
  readonly lastSeenAt: IsoInstant;
}
