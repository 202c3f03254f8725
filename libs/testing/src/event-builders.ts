import { EnvelopeOf, EventType, PropertiesByType } from '@pipeline/contracts';

let sequence = 0;

/** Default wire properties per event type, valid under the v1 contract. */
export const DEFAULT_PROPERTIES: { [T in EventType]: PropertiesByType[T] } = {
  ad_impression: { source: 'google', campaign: 'spring' },
  ad_click: { source: 'google', campaign: 'spring', cost: '2.50', currency: 'EUR' },
  referral_visit: { source: 'friend' },
  search_visit: { source: 'bing' },
  social_visit: { source: 'instagram' },
  product_viewed: { productId: 'sku-1', category: 'shoes', price: 59.9, currency: 'EUR' },
  product_compared: { productIds: ['sku-1', 'sku-2'] },
  added_to_cart: { productId: 'sku-1', quantity: 1 },
  wishlist_added: { productId: 'sku-2' },
  trial_started: { productId: 'plan-pro', trialDays: 14 },
  checkout_started: { cartId: 'cart-1', value: '59.90', currency: 'EUR' },
  order_placed: { orderId: 'order-1', amount: '59.90', currency: 'EUR', itemCount: 1 },
  order_refunded: { orderId: 'order-1', amount: '10.00', currency: 'EUR' },
  order_cancelled: { orderId: 'order-1' },
  repeat_visit: { source: 'newsletter' },
  loyalty_joined: { programId: 'club', tier: 'silver' },
  subscription_renewed: { subscriptionId: 'sub-1' },
  subscription_cancelled: { subscriptionId: 'sub-1', reason: 'too expensive' },
  incident_reported: { incidentId: 'inc-1', kind: 'late_delivery' },
  incident_resolved: { incidentId: 'inc-1' },
  consent_updated: { channel: 'email', status: 'granted', source: 'preference_centre' },
  nps_response: { score: 9 },
  review_posted: { rating: 5, productId: 'sku-1' },
  referral_sent: { referralId: 'ref-1' },
  referral_converted: { referralId: 'ref-1', referredCustomerId: 'cust-friend' },
  social_share: { network: 'x' },
};

/** A valid wire envelope of the given type; any field can be overridden. */
export function envelope<T extends EventType>(
  type: T,
  overrides: Partial<Omit<EnvelopeOf<T>, 'type'>> = {},
): EnvelopeOf<T> {
  sequence += 1;
  return {
    eventId: `evt-${process.pid}-${sequence}`,
    customerId: 'cust-1',
    occurredAt: '2026-03-01T12:00:00+01:00',
    properties: DEFAULT_PROPERTIES[type],
    schemaVersion: 1,
    ...overrides,
    type,
  };
}
