import { JourneyEvent } from '@pipeline/contracts';
import { Delivery, JourneyState, applyEvent } from '@pipeline/journey-domain';

/**
 * Folds replayed order events into per-customer journey states with the journey domain's own
 * `applyEvent`, so orders, cancellations and refunds settle exactly as the pipeline settles them
 * (orders keyed by orderId, the earliest cancellation, refunds keyed by refundId). No event-id window
 * is kept: every order fact is keyed by a natural id, so a producer duplicate cannot change it.
 */
export class OrderHistory {
  private readonly states = new Map<string, JourneyState>();

  add(event: JourneyEvent, delivery: Delivery): void {
    const result = applyEvent(this.states.get(event.customerId), event, delivery, { recentEventIds: 0 });
    this.states.set(event.customerId, result.state);
  }

  /** Every customer seen, with the journey state of its order events. */
  customers(): ReadonlyMap<string, JourneyState> {
    return this.states;
  }
}
