import {
  ALL_INBOUND_TOPICS,
  ChurnRiskEventV1,
  ClvEventV1,
  EnvelopeOf,
  EventType,
  OUTBOUND_TOPICS,
} from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { ProcessorFixture } from './processor-fixture';

const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (days: number): string => new Date(NOW - days * DAY).toISOString();

/** Simple CLV by hand: within the first year, revenue to date is the annual revenue; x 3 years, less cost. */
function expectedSimpleClv(netMinor: number, costMinor: number): string {
  return ((netMinor * 3 - costMinor) / 100).toFixed(2);
}

describe('journey processor: CLV and churn risk from the stream', () => {
  const fixture = new ProcessorFixture('derived');

  async function play(events: Array<EnvelopeOf<EventType>>): Promise<void> {
    for (const event of events) {
      await fixture.kafka.publishEnvelopes([event]);
      await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    }
  }

  async function derived<T extends { customerId: string }>(topic: string, customerId: string): Promise<T[]> {
    const records = await fixture.kafka.readAll(topic);
    return records
      .map((r) => JSON.parse(r.value!.toString()) as T)
      .filter((e) => e.customerId === customerId);
  }

  beforeAll(async () => {
    await fixture.start();
    await play([
      envelope('ad_click', {
        customerId: 'clv-1',
        eventId: 'a1',
        occurredAt: daysAgo(25),
        properties: { source: 'google', cost: '5.00', currency: 'EUR' },
      }),
      envelope('order_placed', {
        customerId: 'clv-1',
        eventId: 'o1',
        occurredAt: daysAgo(20),
        properties: { orderId: 'o1', amount: '100.00', currency: 'EUR' },
      }),
      envelope('product_viewed', { customerId: 'clv-1', eventId: 'v1', occurredAt: daysAgo(15) }),
      envelope('order_placed', {
        customerId: 'clv-1',
        eventId: 'o2',
        occurredAt: daysAgo(10),
        properties: { orderId: 'o2', amount: 50, currency: 'EUR' },
      }),
      envelope('order_refunded', {
        customerId: 'clv-1',
        eventId: 'r1',
        occurredAt: daysAgo(5),
        properties: { orderId: 'o1', amount: '20.00', currency: 'EUR' },
      }),
      envelope('order_placed', {
        customerId: 'churn-1',
        eventId: 'c-o1',
        occurredAt: daysAgo(3),
        properties: { orderId: 'x1', amount: '30.00', currency: 'EUR' },
      }),
      envelope('incident_reported', {
        customerId: 'churn-1',
        eventId: 'c-i1',
        occurredAt: daysAgo(2),
        properties: { incidentId: 'i1', kind: 'late_delivery' },
      }),
      envelope('incident_reported', {
        customerId: 'churn-1',
        eventId: 'c-i2',
        occurredAt: daysAgo(2),
        properties: { incidentId: 'i2', kind: 'damaged' },
      }),
      envelope('incident_resolved', {
        customerId: 'churn-1',
        eventId: 'c-r1',
        occurredAt: daysAgo(1),
        properties: { incidentId: 'i1' },
      }),
      envelope('incident_resolved', {
        customerId: 'churn-1',
        eventId: 'c-r2',
        occurredAt: daysAgo(1),
        properties: { incidentId: 'i2' },
      }),
    ]);
  });

  afterAll(() => fixture.dispose());

  it('emits a CLV event for each change to what a customer bought, with the simple CLV worked out', async () => {
    const events = await derived<ClvEventV1>(OUTBOUND_TOPICS.clv, 'clv-1');
    expect(events.map((e) => [e.trigger, e.simple.value, e.simple.netRevenue])).toEqual([
      [{ kind: 'event', eventId: 'o1' }, expectedSimpleClv(10_000, 500), '100.00'],
      [{ kind: 'event', eventId: 'o2' }, expectedSimpleClv(15_000, 500), '150.00'],
      [{ kind: 'event', eventId: 'r1' }, expectedSimpleClv(13_000, 500), '130.00'],
    ]);
    expect(events[0]).toMatchObject({
      currency: 'EUR',
      simple: {
        relationshipYears: 3,
        relationshipSource: 'configured',
        acquisitionCost: '5.00',
        acquisitionCostSource: 'attributed',
      },
      predictive: null,
      segment: 'unranked',
      schemaVersion: 1,
    });
  });

  it('does not emit CLV for a product view, which cannot change it', async () => {
    const events = await derived<ClvEventV1>(OUTBOUND_TOPICS.clv, 'clv-1');
    expect(events.some((e) => e.trigger.kind === 'event' && e.trigger.eventId === 'v1')).toBe(false);
  });

  it('raises churn risk to high with the reason when two incidents stay open, and lowers it once they are resolved', async () => {
    const events = await derived<ChurnRiskEventV1>(OUTBOUND_TOPICS.churnRisk, 'churn-1');
    expect(events.map((e) => [e.previousBand, e.band, e.trigger])).toEqual([
      [null, 'low', { kind: 'event', eventId: 'c-o1' }],
      ['low', 'high', { kind: 'event', eventId: 'c-i2' }],
      ['high', 'low', { kind: 'event', eventId: 'c-r1' }],
    ]);
    expect(events[1].reasons.map((r) => r.code)).toContain('OPEN_INCIDENTS');
    expect(events[1].score).toBeGreaterThanOrEqual(0.7);
  });

  it('keeps the last emitted values beside the state and indexes the customer for the KPIs', async () => {
    const key = `${fixture.ns.redisPrefix}j:{churn-1}`;
    expect(JSON.parse((await fixture.redis.hget(key, 'e'))!)).toMatchObject({ churn: { band: 'low' } });
    expect(await fixture.redis.zscore(`${fixture.ns.redisPrefix}idx:churn-band`, 'churn-1')).toBe('0');
    expect(await fixture.redis.zscore(`${fixture.ns.redisPrefix}idx:clv`, 'clv-1')).toBe(
      String(Math.round(Number(expectedSimpleClv(13_000, 500)) * 100)),
    );
  });
});
