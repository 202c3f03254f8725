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

  describe('with later browsing sessions', () => {
    const withSessions = new JourneySimulator({ customers: 500, seed: 7, laterSessions: 3 }).generate();

    it('keeps every journey as it is and only appends sessions after it', () => {
      const journeyIds = new Set(events.map((e) => e.envelope.eventId));
      expect(withSessions.filter((e) => journeyIds.has(e.envelope.eventId))).toEqual(events);
      const lastJourneyEvent = new Map(events.map((e) => [e.key, e.envelope.occurredAt]));
      for (const e of withSessions.filter((x) => !journeyIds.has(x.envelope.eventId))) {
        expect(['search_visit', 'social_visit', 'ad_impression', 'product_viewed']).toContain(
          e.envelope.type,
        );
        expect(e.envelope.occurredAt > (lastJourneyEvent.get(e.key) ?? '')).toBe(true);
      }
    });

    it('about doubles the events per customer, all valid and uniquely identified', () => {
      expect(withSessions.length / 500).toBeGreaterThan(8);
      expect(withSessions.length / 500).toBeLessThan(12.5);
      expect(new Set(withSessions.map((e) => e.envelope.eventId)).size).toBe(withSessions.length);
      for (const { topic, envelope } of withSessions)
        expect(parseJourneyEvent(JSON.stringify(envelope), { topic }).ok).toBe(true);
    });
  });
});
