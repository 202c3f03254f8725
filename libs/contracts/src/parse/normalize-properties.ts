import { EventType } from '../event-types';
import { Money, NormalizedPropertiesByType } from '../journey-event';
import { toMinorUnits } from '../money';

type Plain = Record<string, unknown>;

function money(amount: unknown, currency: unknown): Money | undefined {
  if (amount === undefined || amount === null || typeof currency !== 'string') return undefined;
  const result = toMinorUnits(amount, currency);
  // The DTO already checked the amount; an unreachable failure here must not pass silently.
  if (!result.ok) throw new Error(`amount passed validation but does not convert: ${result.message}`);
  return { minor: result.minor, currency };
}

function pick(props: Plain, keys: readonly string[]): Plain {
  const out: Plain = {};
  for (const key of keys) if (props[key] !== undefined && props[key] !== null) out[key] = props[key];
  return out;
}

/**
 * Builds the normalised properties of a validated event: known fields only, money in minor units.
 * Each case lists its fields so nothing a producer adds travels further unvalidated.
 */
export function normalizeProperties<T extends EventType>(
  type: T,
  props: Plain,
  eventId: string,
): NormalizedPropertiesByType[T] {
  const out = ((): unknown => {
    switch (type) {
      case 'ad_impression':
      case 'ad_click':
      case 'referral_visit':
      case 'search_visit':
      case 'social_visit':
        return {
          ...pick(props, ['source', 'campaign', 'medium']),
          ...opt('cost', money(props.cost, props.currency)),
        };
      case 'product_viewed':
        return {
          ...pick(props, ['productId', 'category']),
          ...opt('price', money(props.price, props.currency)),
        };
      case 'added_to_cart':
        return {
          ...pick(props, ['productId', 'category', 'quantity']),
          ...opt('price', money(props.price, props.currency)),
        };
      case 'checkout_started':
        return { ...pick(props, ['cartId']), ...opt('value', money(props.value, props.currency)) };
      case 'order_placed':
        return { ...pick(props, ['orderId', 'itemCount']), amount: money(props.amount, props.currency) };
      case 'order_refunded':
        return {
          orderId: props.orderId,
          amount: money(props.amount, props.currency),
          refundId: typeof props.refundId === 'string' ? props.refundId : eventId,
        };
      case 'product_compared':
        return { productIds: [...(props.productIds as string[])] };
      case 'wishlist_added':
        return pick(props, ['productId']);
      case 'trial_started':
        return pick(props, ['productId', 'trialDays']);
      case 'order_cancelled':
        return pick(props, ['orderId']);
      case 'repeat_visit':
        return pick(props, ['source']);
      case 'loyalty_joined':
        return pick(props, ['programId', 'tier']);
      case 'subscription_renewed':
        return pick(props, ['subscriptionId']);
      case 'subscription_cancelled':
        return pick(props, ['subscriptionId', 'reason']);
      case 'incident_reported':
        return pick(props, ['incidentId', 'kind']);
      case 'incident_resolved':
        return pick(props, ['incidentId']);
      case 'consent_updated':
        return pick(props, ['channel', 'status', 'source']);
      case 'nps_response':
        return pick(props, ['score', 'comment']);
      case 'review_posted':
        return pick(props, ['rating', 'productId']);
      case 'referral_sent':
        return pick(props, ['referralId']);
      case 'referral_converted':
        return pick(props, ['referralId', 'referredCustomerId']);
      case 'social_share':
        return pick(props, ['network', 'productId']);
    }
  })();
  return out as NormalizedPropertiesByType[T];
}

function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
