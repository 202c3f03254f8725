import { JourneyEvent, parseJourneyEvent } from '@pipeline/contracts';
import { JourneyState } from '@pipeline/journey-domain';
import { OrderHistory } from '../src/history/order-history';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

let sequence = 0;

function event(
  customerId: string,
  type: string,
  at: number,
  properties: Record<string, unknown>,
): JourneyEvent {
  sequence += 1;
  const parsed = parseJourneyEvent(
    JSON.stringify({
      eventId: `e-${sequence}`,
      customerId,
      type,
      occurredAt: new Date(at).toISOString(),
      properties,
      schemaVersion: 1,
    }),
  );
  if (!parsed.ok) throw new Error(`fixture ${type} is invalid: ${parsed.reason.message}`);
  return parsed.event;
}

/** An order of `customerId` placed at `at`, `amount` a decimal in major units. */
export const order = (customerId: string, at: number, orderId: string, amount: string, currency = 'EUR') =>
  event(customerId, 'order_placed', at, { orderId, amount, currency });

export const refund = (customerId: string, at: number, orderId: string, amount: string, currency = 'EUR') =>
  event(customerId, 'order_refunded', at, { orderId, amount, currency });

export const cancel = (customerId: string, at: number, orderId: string) =>
  event(customerId, 'order_cancelled', at, { orderId });

/** The journey states of the events, folded by the backtest's own `OrderHistory`. */
export function statesOf(events: readonly JourneyEvent[]): ReadonlyMap<string, JourneyState> {
  const history = new OrderHistory();
  events.forEach((e, i) => history.add(e, { topic: 't', partition: 0, offset: String(i) }));
  return history.customers();
}
