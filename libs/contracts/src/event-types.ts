import { JourneyStage } from './topics';

/** Event types each stage topic accepts. */
export const EVENT_TYPES_BY_STAGE = {
  awareness: ['ad_impression', 'ad_click', 'referral_visit', 'search_visit', 'social_visit'],
  consideration: [
    'product_viewed',
    'product_compared',
    'added_to_cart',
    'wishlist_added',
    'trial_started',
    'checkout_started',
  ],
  conversion: ['order_placed', 'order_refunded', 'order_cancelled'],
  retention: [
    'repeat_visit',
    'loyalty_joined',
    'subscription_renewed',
    'subscription_cancelled',
    'incident_reported',
    'incident_resolved',
    // Consent travels with the ongoing relationship, not a funnel step: it is no stage evidence.
    'consent_updated',
  ],
  advocacy: ['nps_response', 'review_posted', 'referral_sent', 'referral_converted', 'social_share'],
} as const satisfies Record<JourneyStage, readonly string[]>;

export type EventTypeOfStage<S extends JourneyStage> = (typeof EVENT_TYPES_BY_STAGE)[S][number];
export type AwarenessEventType = EventTypeOfStage<'awareness'>;
export type ConsiderationEventType = EventTypeOfStage<'consideration'>;
export type ConversionEventType = EventTypeOfStage<'conversion'>;
export type RetentionEventType = EventTypeOfStage<'retention'>;
export type AdvocacyEventType = EventTypeOfStage<'advocacy'>;
export type EventType =
  AwarenessEventType | ConsiderationEventType | ConversionEventType | RetentionEventType | AdvocacyEventType;

const STAGE_BY_TYPE = new Map<string, JourneyStage>(
  (Object.keys(EVENT_TYPES_BY_STAGE) as JourneyStage[]).flatMap((stage) =>
    EVENT_TYPES_BY_STAGE[stage].map((type) => [type, stage] as const),
  ),
);

/** Every event type the contract knows, in stage order. */
export const ALL_EVENT_TYPES: readonly EventType[] = [...STAGE_BY_TYPE.keys()] as EventType[];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && STAGE_BY_TYPE.has(value);
}

/** The stage an event type belongs to. */
export function stageOfEventType(type: EventType): JourneyStage {
  const stage = STAGE_BY_TYPE.get(type);
  if (stage === undefined) throw new Error(`unknown event type ${type}`);
  return stage;
}

/**
 * Event types of the identity topic. They are not journey events: they carry no stage and never
 * count as one; `identify` links an anonymous id to a customer.
 */
export const IDENTITY_EVENT_TYPES = ['identify'] as const;
export type IdentityEventType = (typeof IDENTITY_EVENT_TYPES)[number];

export function isIdentityEventType(value: unknown): value is IdentityEventType {
  return typeof value === 'string' && (IDENTITY_EVENT_TYPES as readonly string[]).includes(value);
}

/** Channels a customer can consent to be contacted on. */
export const CONSENT_CHANNELS = ['email', 'sms', 'push', 'ads'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** A consent answer: given, or taken back. */
export const CONSENT_STATUSES = ['granted', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Incident kinds a storefront can report. */
export const INCIDENT_KINDS = [
  'late_delivery',
  'damaged',
  'support_complaint',
  'wrong_item',
  'billing',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
