import { ConsentChannel, ConsentStatus } from '../event-types';

/** One channel's latest consent answer by event time. */
export interface ConsentAnswerV1 {
  readonly status: ConsentStatus;
  /** Where the answer was given. */
  readonly source: string;
  /** The answer's event time, ISO-8601 UTC. */
  readonly at: string;
}

/**
 * A customer's consent per channel, as carried by the journey API, `customer.profile.v1`,
 * `customer.clv.v1` and `customer.churn-risk.v1`: only channels the customer answered for are
 * present; a missing channel means no answer (treat it as no consent).
 */
export type CustomerConsentV1 = Readonly<Partial<Record<ConsentChannel, ConsentAnswerV1>>>;
