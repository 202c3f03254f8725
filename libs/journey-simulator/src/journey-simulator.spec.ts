import { parseJourneyEvent } from '@pipeline/contracts';
import { JourneySimulator } from './journey-simulator';

describe(JourneySimulator.name, () => {
  const events = new JourneySimulator({ customers: 500, seed: 7 }).generate();

  it('produces only events the contract accepts, each on its stage topic and keyed by customer', () => {
    for (const { topic, key, envelope } of events) {
      const parsed = parseJourneyEvent(JSON.stringify(envelope), { topic });
      expect(parsed.ok ? key : parsed.reason).toBe(envelope.customerId);
    }
  });

  it('is deterministic for a seed', () => {
    const again = new JourneySimulator({ customers: 500, seed: 7 }).generate();
    expect(again).toEqual(events);
  });

  it('covers every stage with plausible proportions', () => {
    const types = new Set(events.map((e) => e.envelope.type));
    for (const type of ['ad_click', 'product_viewed', 'order_placed', 'nps_response', 'incident_reported']) {
      expect(types).toContain(type);
    }
    const buyers = new Set(events.filter((e) => e.envelope.type === 'order_placed').map((e) => e.key));
    expect(buyers.size).toBeGreaterThan(50);
    expect(buyers.size).toBeLessThan(400);
  });

  it('uses unique event ids', () => {
    expect(new Set(events.map((e) => e.envelope.eventId)).size).toBe(events.length);
  });
});
