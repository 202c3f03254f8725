import { parseJourneyEvent } from '@pipeline/contracts';
import { fitBgNbd, fitGammaGamma } from '@pipeline/journey-domain';
import { JourneySimulator } from './journey-simulator';
import { DEFAULT_PURCHASE_POPULATION } from './purchase-process';

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

describe('buy-till-you-die purchasing', () => {
  const DAY = 86_400_000;
  const start = Date.UTC(2024, 0, 1);
  const endMs = start + 730 * DAY;
  const events = new JourneySimulator({
    customers: 6_000,
    seed: 11,
    startMs: start,
    spanDays: 365,
    endMs,
  }).generate();

  /** x, t_x and T in weeks on the UTC-day grid, as the refit summarises buyers. */
  function summaries(): Array<{ frequency: number; recency: number; age: number; spend: number[] }> {
    const byCustomer = new Map<string, Map<number, number>>();
    for (const { envelope } of events) {
      if (envelope.type !== 'order_placed') continue;
      const days = byCustomer.get(envelope.customerId) ?? new Map<number, number>();
      const day = Math.floor(Date.parse(envelope.occurredAt) / DAY);
      const { amount } = envelope.properties as { amount: string };
      days.set(day, (days.get(day) ?? 0) + Number(amount));
      byCustomer.set(envelope.customerId, days);
    }
    const endDay = Math.floor(endMs / DAY);
    return [...byCustomer.values()].map((days) => {
      const sorted = [...days.keys()].sort((a, b) => a - b);
      return {
        frequency: sorted.length - 1,
        recency: (sorted[sorted.length - 1] - sorted[0]) / 7,
        age: (endDay - sorted[0]) / 7,
        spend: sorted.slice(1).map((d) => days.get(d) ?? 0),
      };
    });
  }

  it('keeps every event at or before the end of observation', () => {
    expect(events.every((e) => Date.parse(e.envelope.occurredAt) <= endMs)).toBe(true);
  });

  it('is the same for a seed, and different for another', () => {
    const again = new JourneySimulator({ customers: 200, seed: 11, startMs: start, endMs }).generate();
    expect(new JourneySimulator({ customers: 200, seed: 11, startMs: start, endMs }).generate()).toEqual(
      again,
    );
    expect(new JourneySimulator({ customers: 200, seed: 12, startMs: start, endMs }).generate()).not.toEqual(
      again,
    );
  });

  // Measured on this seed: r 0.599, alpha 6.40 weeks, a 1.02, b 4.31 (truth 0.6, 45 / 7 = 6.43, 0.8,
  // 3.2; mean drop-out 0.191 against 0.2); Gamma-Gamma p 4.67, q 2.86, v 48.7 EUR (truth 4, 3, 60).
  it('gives a stream the BG/NBD fits, near the generating purchase rates', () => {
    const buyers = summaries();
    expect(buyers.length).toBeGreaterThan(1_000);
    const fit = fitBgNbd(buyers);
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.converged).toBe(true);
    const truth = DEFAULT_PURCHASE_POPULATION;
    expect(Math.abs(fit.params.r / fit.params.alpha / (truth.r / (truth.alpha / 7)) - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.params.r / truth.r - 1)).toBeLessThan(0.35);
    const dropout = ({ a, b }: { a: number; b: number }): number => a / (a + b);
    expect(Math.abs(dropout(fit.params) / dropout(truth) - 1)).toBeLessThan(0.2);
  });

  it('varies the mean spend per purchase between repeat buyers, so Gamma-Gamma fits', () => {
    const repeat = summaries()
      .filter((s) => s.frequency > 0)
      .map((s) => ({
        frequency: s.frequency,
        monetaryMinor: (100 * s.spend.reduce((a, b) => a + b, 0)) / s.frequency,
      }));
    const fit = fitGammaGamma(repeat);
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.converged).toBe(true);
    const { spendP, q, gamma } = DEFAULT_PURCHASE_POPULATION;
    const meanSpend = (fit.params.p * fit.params.v) / (fit.params.q - 1);
    expect(Math.abs(meanSpend / ((spendP * gamma * 100) / (q - 1)) - 1)).toBeLessThan(0.2);
  });
});
