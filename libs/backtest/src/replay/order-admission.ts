import {
  EventType,
  JourneyEvent,
  JourneyEventOfType,
  Rejection,
  parseJourneyEvent,
} from '@pipeline/contracts';

/** The order events a backtest replays; everything else on the topic is counted and skipped. */
export const ORDER_EVENT_TYPES = ['order_placed', 'order_refunded', 'order_cancelled'] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];
/** A validated order, refund or cancellation. */
export type OrderEvent = JourneyEventOfType<OrderEventType>;

/** The journey processor's default tolerance for event time ahead of the broker timestamp. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 300_000;

/** The parts of a Kafka record admission reads. */
export interface ReplayedRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Broker timestamp, epoch ms as a decimal string. */
  readonly timestamp: string;
}

export type OrderAdmission =
  | { readonly kind: 'order'; readonly event: OrderEvent }
  | { readonly kind: 'other-type'; readonly type: EventType }
  | { readonly kind: 'other-currency'; readonly currency: string }
  | { readonly kind: 'rejected'; readonly reason: Rejection };

function isOrderEvent(event: JourneyEvent): event is OrderEvent {
  return (ORDER_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * Decides whether a replayed record enters the backtest, by the journey processor's admission rules:
 * the contract must accept it (checked against `stageTopic`, the logical stage topic, when the topic
 * is one), its key must be its customerId, and its event time may lead the broker timestamp by at most
 * `maxFutureSkewMs`; records the processor would dead-letter are rejected here with the same codes.
 * Of the accepted events only orders, refunds and cancellations count, and only in `currency`
 * (a cancellation carries no currency and always counts).
 */
export function admitOrderRecord(
  record: ReplayedRecord,
  options: { readonly stageTopic?: string; readonly currency: string; readonly maxFutureSkewMs?: number },
): OrderAdmission {
  const parsed = parseJourneyEvent(
    record.value,
    options.stageTopic === undefined ? {} : { topic: options.stageTopic },
  );
  if (!parsed.ok) return { kind: 'rejected', reason: parsed.reason };
  const { event } = parsed;
  const key = record.key?.toString('utf8') ?? null;
  if (key !== event.customerId) {
    return {
      kind: 'rejected',
      reason: {
        code: 'KEY_MISMATCH',
        field: 'customerId',
        message: key === null ? 'record has no key' : 'record key differs from customerId',
      },
    };
  }
  const brokerTime = Number(record.timestamp);
  const skew = options.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS;
  if (Number.isFinite(brokerTime) && event.occurredAt > brokerTime + skew) {
    return {
      kind: 'rejected',
      reason: {
        code: 'OCCURRED_IN_FUTURE',
        field: 'occurredAt',
        message: `occurredAt is ${Math.round((event.occurredAt - brokerTime) / 1000)} s after the broker timestamp`,
      },
    };
  }
  if (!isOrderEvent(event)) return { kind: 'other-type', type: event.type };
  if (event.type !== 'order_cancelled' && event.properties.amount.currency !== options.currency) {
    return { kind: 'other-currency', currency: event.properties.amount.currency };
  }
  return { kind: 'order', event };
}
