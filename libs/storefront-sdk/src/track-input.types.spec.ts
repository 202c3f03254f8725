import type { JourneyTracker } from './journey-tracker';

/**
 * Compile-time contract: `npm run typecheck` (tsc --noEmit) fails if any line marked
 * `@ts-expect-error` compiles, i.e. if a wrong payload would get past the types. Never called.
 */
export function payloadsThatMustNotCompile(tracker: JourneyTracker): void {
  void tracker.track({
    type: 'order_placed',
    customerId: 'c-1',
    // @ts-expect-error order_placed has no `sku`, and its orderId, amount and currency are required
    properties: { sku: 'x' },
  });
  void tracker.track({
    type: 'order_placed',
    customerId: 'c-1',
    // @ts-expect-error amount is a decimal string or a number, not a boolean
    properties: { orderId: 'o-1', amount: true, currency: 'EUR' },
  });
  void tracker.track({
    type: 'nps_response',
    customerId: 'c-1',
    // @ts-expect-error an order's properties are not an NPS answer's
    properties: { orderId: 'o-1', amount: '1.00', currency: 'EUR' },
  });
  void tracker.track({
    // @ts-expect-error not an event type of the contract
    type: 'order_teleported',
    customerId: 'c-1',
    properties: {},
  });
  // @ts-expect-error customerId is required
  void tracker.track({ type: 'ad_click', properties: { source: 'google' } });
  void tracker.track({
    type: 'ad_click',
    customerId: 'c-1',
    properties: { source: 'google' },
    // @ts-expect-error the envelope has no `timestamp`: it is occurredAt
    timestamp: '2026-03-01T12:00:00Z',
  });
  void tracker.trackBatch([
    { type: 'review_posted', customerId: 'c-1', properties: { rating: 5 } },
    // @ts-expect-error a batch checks each event against its own type
    { type: 'review_posted', customerId: 'c-1', properties: { score: 9 } },
  ]);
}

/** The same calls with the right payloads compile. Never called. */
export function payloadsThatCompile(tracker: JourneyTracker): void {
  void tracker.track({
    type: 'order_placed',
    customerId: 'c-1',
    properties: { orderId: 'o-1', amount: '59.90', currency: 'EUR' },
  });
  void tracker.track({
    type: 'nps_response',
    customerId: 'c-1',
    eventId: 'nps-1',
    occurredAt: new Date(),
    channel: 'email',
    properties: { score: 9, comment: 'great' },
  });
  void tracker.trackBatch([
    { type: 'review_posted', customerId: 'c-1', properties: { rating: 5 } },
    { type: 'ad_click', customerId: 'c-1', properties: { source: 'google', cost: '2.50', currency: 'EUR' } },
  ]);
}

describe('TrackInput', () => {
  it('is checked by the type-checker: see the @ts-expect-error lines above', () => {
    expect(payloadsThatMustNotCompile).toBeInstanceOf(Function);
    expect(payloadsThatCompile).toBeInstanceOf(Function);
  });
});
