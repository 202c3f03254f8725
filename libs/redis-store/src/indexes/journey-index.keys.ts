import { JourneyStage } from '@pipeline/contracts';

/**
 * Population indexes beside the per-customer hashes. Each is one sorted set under the store's prefix
 * (so one slot each on Redis Cluster), rebuilt idempotently from the journeys after every batch:
 *
 *   `<prefix>idx:customers`        customerId                       score = first seen
 *   `<prefix>idx:stage:<stage>`    customerId                       score = first entered that stage
 *   `<prefix>idx:orders`           "<customerId> <orderId>"         score = placed at (not cancelled)
 *   `<prefix>idx:nps`              "<customerId> <eventId> <score>" score = answered at
 *   `<prefix>idx:clv`              customerId                       score = CLV in minor units
 *   `<prefix>idx:churn-band`       customerId                       score = 0 low, 1 medium, 2 high
 *   `<prefix>idx:churn-due`        customerId                       score = when time alone next changes the risk
 *
 * Members start with the customer id and join ids with `INDEX_MEMBER_SEPARATOR`, which no id may
 * contain. The store keeps what it is given: which members a journey calls for is the domain's
 * decision (`indexEntriesFor` in journey-domain).
 */
export type IndexName =
  'customers' | 'orders' | 'nps' | 'clv' | 'churn-band' | 'churn-due' | `stage:${JourneyStage}`;

export function indexKey(prefix: string, name: IndexName): string {
  return `${prefix}idx:${name}`;
}

/** The current fitted CLV models (JSON) and the list of past fits, newest first. */
export function modelKey(prefix: string, which: 'clv' | 'clv:history'): string {
  return `${prefix}model:${which}`;
}

/** A lease that lets one scheduler instance run a job at a time. */
export function lockKey(prefix: string, job: string): string {
  return `${prefix}lock:${job}`;
}
