import { JourneyStage } from '../topics';

/** `customer.stage-changed.v1`: emitted on every journey stage transition. */
export interface StageChangedEventV1 {
  /** Deterministic: a function of customer, kind and causing event, so consumers can dedupe. */
  readonly eventId: string;
  readonly customerId: string;
  /** Null when the customer enters the journey for the first time. */
  readonly from: JourneyStage | null;
  readonly to: JourneyStage;
  /** Event time of the causing event (ISO-8601, UTC). */
  readonly at: string;
  readonly causingEventId: string;
  readonly furthestStage: JourneyStage;
  readonly schemaVersion: 1;
}
