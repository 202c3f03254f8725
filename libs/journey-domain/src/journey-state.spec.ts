import { journeyEvent, minutes, stateAfter } from '../test/journey-event.fixture';
import { canonicalState, factsOf } from './journey-state';

/** A typical customer: ten events over a month, two orders, one of them partly refunded. */
const typicalJourney = () => [
  journeyEvent('ad_click', minutes(0), { eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b01', channel: 'ads' }),
  journeyEvent('product_viewed', minutes(5), {
    eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b02',
    channel: 'web',
  }),
  journeyEvent('product_viewed', minutes(7), {
    eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b03',
    channel: 'web',
  }),
  journeyEvent('added_to_cart', minutes(9), {
    eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b04',
    channel: 'web',
  }),
  journeyEvent('checkout_started', minutes(11), {
    eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b05',
    channel: 'web',
  }),
  journeyEvent('order_placed', minutes(12), {
    eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b06',
    channel: 'web',
    properties: { orderId: 'ORD-2026-000123', amount: '59.90', currency: 'EUR' },
  }),
  journeyEvent('order_refunded', minutes(3_000), {
    eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b07',
    properties: { orderId: 'ORD-2026-000123', amount: '10.00', currency: 'EUR' },
  }),
  journeyEvent('repeat_visit', minutes(20_000), {
    eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b08',
    channel: 'email',
  }),
  journeyEvent('order_placed', minutes(20_010), {
    eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b09',
    channel: 'mobile_app',
    properties: { orderId: 'ORD-2026-000456', amount: '24.50', currency: 'EUR' },
  }),
  journeyEvent('nps_response', minutes(30_000), {
    eventId: 'f1b8a0e2-3c9d-4e8a-9c4b-1d2e3f4a5b10',
    channel: 'email',
    properties: { score: 9 },
  }),
];

describe(canonicalState.name, () => {
  // Measured: 963 bytes, 647 of them facts; the rest is 5 watermarks and 10 recent-id fingerprints.
  it('keeps a typical ten-event customer under 1 kB, two thirds of it facts', () => {
    const state = stateAfter(typicalJourney());
    expect(Buffer.byteLength(JSON.stringify(state))).toBeLessThan(1_000);
    expect(Buffer.byteLength(JSON.stringify(factsOf(state)))).toBeLessThan(700);
  });

  it('writes fields in one fixed order and leaves empty ones out', () => {
    const state = stateAfter(typicalJourney());
    const shuffled = Object.fromEntries(Object.entries(state).reverse()) as typeof state;
    expect(JSON.stringify(canonicalState({ ...shuffled, sub: {}, ch: [] }))).toBe(
      JSON.stringify({ ...state, ch: undefined }),
    );
  });
});
