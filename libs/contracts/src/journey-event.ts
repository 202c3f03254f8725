import { Channel } from './envelope/channels';
import { ConsentChannel, ConsentStatus, EventType, IncidentKind } from './event-types';
import { JourneyStage } from './topics';

/** An exact amount of money: integer minor units of an ISO 4217 currency. */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

export interface AwarenessProperties {
  readonly source: string;
  readonly campaign?: string;
  readonly medium?: string;
  /** Acquisition spend attributed to this customer. */
  readonly cost?: Money;
}

export interface ProductViewedProperties {
  readonly productId: string;
  readonly category?: string;
  readonly price?: Money;
}

/** Validated, normalised properties per event type: money in minor units, defaults filled in. */
export interface NormalizedPropertiesByType {
  ad_impression: AwarenessProperties;
  ad_click: AwarenessProperties;
  referral_visit: AwarenessProperties;
  search_visit: AwarenessProperties;
  social_visit: AwarenessProperties;
  product_viewed: ProductViewedProperties;
  product_compared: { readonly productIds: readonly string[] };
  added_to_cart: ProductViewedProperties & { readonly quantity: number };
  wishlist_added: { readonly productId: string };
  trial_started: { readonly productId: string; readonly trialDays?: number };
  checkout_started: { readonly cartId?: string; readonly value?: Money };
  order_placed: { readonly orderId: string; readonly amount: Money; readonly itemCount?: number };
  order_refunded: { readonly orderId: string; readonly amount: Money; readonly refundId: string };
  order_cancelled: { readonly orderId: string };
  repeat_visit: { readonly source?: string };
  loyalty_joined: { readonly programId?: string; readonly tier?: string };
  subscription_renewed: { readonly subscriptionId: string };
  subscription_cancelled: { readonly subscriptionId: string; readonly reason?: string };
  incident_reported: { readonly incidentId: string; readonly kind: IncidentKind };
  incident_resolved: { readonly incidentId: string };
  consent_updated: {
    readonly channel: ConsentChannel;
    readonly status: ConsentStatus;
    readonly source: string;
  };
  nps_response: { readonly score: number; readonly comment?: string };
  review_posted: { readonly rating: number; readonly productId?: string };
  referral_sent: { readonly referralId?: string };
  referral_converted: { readonly referralId?: string; readonly referredCustomerId?: string };
  social_share: { readonly network?: string; readonly productId?: string };
}

interface JourneyEventOf<T extends EventType> {
  readonly eventId: string;
  readonly customerId: string;
  readonly anonymousId?: string;
  readonly type: T;
  readonly stage: JourneyStage;
  /** Event time, epoch milliseconds. */
  readonly occurredAt: number;
  readonly sentAt?: number;
  readonly receivedAt?: number;
  readonly channel?: Channel;
  readonly properties: NormalizedPropertiesByType[T];
  readonly schemaVersion: 1;
}

/** A validated inbound event, discriminated by `type`. */
export type JourneyEvent = { [T in EventType]: JourneyEventOf<T> }[EventType];
export type JourneyEventOfType<T extends EventType> = Extract<JourneyEvent, { type: T }>;
