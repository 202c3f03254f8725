import { EventType } from '../event-types';
import {
  NpsResponsePropertiesDto,
  ReferralConvertedPropertiesDto,
  ReferralSentPropertiesDto,
  ReviewPostedPropertiesDto,
  SocialSharePropertiesDto,
} from './advocacy-properties.dto';
import { AwarenessPropertiesDto } from './awareness-properties.dto';
import {
  AddedToCartPropertiesDto,
  CheckoutStartedPropertiesDto,
  ProductComparedPropertiesDto,
  ProductViewedPropertiesDto,
  TrialStartedPropertiesDto,
  WishlistAddedPropertiesDto,
} from './consideration-properties.dto';
import {
  OrderCancelledPropertiesDto,
  OrderPlacedPropertiesDto,
  OrderRefundedPropertiesDto,
} from './conversion-properties.dto';
import {
  ConsentUpdatedPropertiesDto,
  IncidentReportedPropertiesDto,
  IncidentResolvedPropertiesDto,
  LoyaltyJoinedPropertiesDto,
  RepeatVisitPropertiesDto,
  SubscriptionCancelledPropertiesDto,
  SubscriptionRenewedPropertiesDto,
} from './retention-properties.dto';

/** The DTO class that validates the `properties` of each event type. */
export const PROPERTIES_DTO_BY_TYPE = {
  ad_impression: AwarenessPropertiesDto,
  ad_click: AwarenessPropertiesDto,
  referral_visit: AwarenessPropertiesDto,
  search_visit: AwarenessPropertiesDto,
  social_visit: AwarenessPropertiesDto,
  product_viewed: ProductViewedPropertiesDto,
  product_compared: ProductComparedPropertiesDto,
  added_to_cart: AddedToCartPropertiesDto,
  wishlist_added: WishlistAddedPropertiesDto,
  trial_started: TrialStartedPropertiesDto,
  checkout_started: CheckoutStartedPropertiesDto,
  order_placed: OrderPlacedPropertiesDto,
  order_refunded: OrderRefundedPropertiesDto,
  order_cancelled: OrderCancelledPropertiesDto,
  repeat_visit: RepeatVisitPropertiesDto,
  loyalty_joined: LoyaltyJoinedPropertiesDto,
  subscription_renewed: SubscriptionRenewedPropertiesDto,
  subscription_cancelled: SubscriptionCancelledPropertiesDto,
  incident_reported: IncidentReportedPropertiesDto,
  incident_resolved: IncidentResolvedPropertiesDto,
  consent_updated: ConsentUpdatedPropertiesDto,
  nps_response: NpsResponsePropertiesDto,
  review_posted: ReviewPostedPropertiesDto,
  referral_sent: ReferralSentPropertiesDto,
  referral_converted: ReferralConvertedPropertiesDto,
  social_share: SocialSharePropertiesDto,
} as const satisfies Record<EventType, new () => object>;

/** The wire-form properties of each event type: a wrong payload for a type fails to compile. */
export type PropertiesByType = {
  [T in EventType]: InstanceType<(typeof PROPERTIES_DTO_BY_TYPE)[T]>;
};
