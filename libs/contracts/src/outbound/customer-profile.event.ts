import { JourneyStage } from '../topics';
import { ChurnBand } from './churn-risk.event';
import { ClvSegment } from './clv.event';
import { CustomerConsentV1 } from './customer-consent';

/**
 * `customer.profile.v1`, a compacted changelog keyed by customerId: its latest record per key is the
 * customer's current profile, and a null value (a tombstone) says the customer was erased. A consumer
 * that reads the topic from offset 0 gets every current profile.
 */
export interface CustomerProfileV1 {
  /** `profile:<length of customerId>:<customerId>:<id of the event that last changed the profile>`. */
  readonly eventId: string;
  readonly customerId: string;
  readonly stages: {
    readonly current: JourneyStage;
    readonly furthest: JourneyStage;
    readonly currentSince: string;
  };
  /** Null until the customer has a counted purchase. */
  readonly clv: {
    readonly currency: string;
    readonly simple: string;
    /** Null until population parameters have been fitted. */
    readonly predictive: string | null;
    readonly segment: ClvSegment;
  } | null;
  /** Null until the customer has a counted purchase; scored as of the latest event time. */
  readonly churn: {
    readonly score: number;
    readonly band: ChurnBand;
    readonly reasons: ReadonlyArray<{ readonly code: string; readonly text: string }>;
  } | null;
  readonly orders: {
    /** Distinct orders placed, cancelled or not. */
    readonly count: number;
    /** Orders minus refunds in the pipeline's currency; null before a counted purchase. */
    readonly netRevenue: string | null;
  };
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  /** The latest answer per channel by event time; a channel never answered is absent. */
  readonly consent: CustomerConsentV1;
  /** What the profile reflects: how many events were applied, and the one that last changed it. */
  readonly reflects: {
    readonly eventsApplied: number;
    readonly causingEventId: string;
  };
  readonly schemaVersion: 1;
}
