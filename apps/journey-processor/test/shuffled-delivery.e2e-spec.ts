import { ALL_INBOUND_TOPICS, EnvelopeOf, EventType, parseJourneyEvent } from '@pipeline/contracts';
import { reduceEvents, summarize } from '@pipeline/journey-domain';
import { envelope } from '@pipeline/testing';
import fc from 'fast-check';
import { presentJourney } from '../src/journey-view.presenter';
import { ProcessorFixture } from './processor-fixture';

const DAY = 86_400_000;
const t0 = Date.UTC(2025, 5, 1);

/** A journey whose final state is easy to get wrong by arrival order: late answers, cancels, refunds. */
function journeyOf(customerId: string): Array<EnvelopeOf<EventType>> {
  let n = 0;
  const e = <T extends EventType>(type: T, day: number, properties?: EnvelopeOf<T>['properties']) =>
    envelope(type, {
      customerId,
      eventId: `${customerId}-${(n += 1)}`,
      occurredAt: new Date(t0 + day * DAY).toISOString(),
      ...(properties && { properties }),
    }) as EnvelopeOf<EventType>;
  return [
    e('ad_impression', 0, { source: 'google', cost: '1.25', currency: 'EUR' }),
    e('ad_click', 0.1, { source: 'google', cost: '0.75', currency: 'EUR' }),
    e('product_viewed', 1),
    e('product_compared', 1.5),
    e('added_to_cart', 2),
    e('checkout_started', 2.1),
    e('order_placed', 2.2, { orderId: 'A', amount: '100.00', currency: 'EUR' }),
    e('order_placed', 10, { orderId: 'B', amount: '45.55', currency: 'EUR' }),
    e('order_cancelled', 10.5, { orderId: 'B' }),
    e('order_placed', 40, { orderId: 'C', amount: '12.34', currency: 'EUR' }),
    e('order_refunded', 45, { orderId: 'A', amount: '30.01', currency: 'EUR' }),
    e('order_refunded', 46, { orderId: 'A', amount: '9.99', currency: 'EUR', refundId: 'r2' }),
    e('incident_reported', 41, { incidentId: 'i1', kind: 'late_delivery' }),
    e('incident_reported', 42, { incidentId: 'i2', kind: 'damaged' }),
    e('incident_resolved', 43, { incidentId: 'i1' }),
    e('repeat_visit', 50),
    e('nps_response', 55, { score: 10 }),
    e('review_posted', 56, { rating: 5 }),
    e('nps_response', 70, { score: 3 }),
    e('nps_response', 60, { score: 8 }),
    e('subscription_renewed', 61, { subscriptionId: 's1' }),
    e('subscription_cancelled', 80, { subscriptionId: 's1' }),
    e('referral_sent', 81),
  ];
}

describe('journey processor: shuffled delivery', () => {
  const fixture = new ProcessorFixture('shuffle');
  const PERMUTATIONS = 60;
  const ordered = journeyOf('ordered');
  const indices = ordered.map((_, i) => i);
  const permutations = fc.sample(
    fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }),
    {
      numRuns: PERMUTATIONS,
      seed: 20261122,
    },
  );

  beforeAll(async () => {
    await fixture.start();
    await fixture.kafka.publishEnvelopes(ordered);
    for (const [p, order] of permutations.entries()) {
      const events = journeyOf(`perm-${p}`);
      await fixture.kafka.publishEnvelopes(order.map((i) => events[i]));
    }
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
  });

  afterAll(() => fixture.dispose());

  const comparable = (body: Record<string, unknown>) => {
    const { customerId: _c, timeInCurrentStageMs: _t, ...rest } = body;
    return rest;
  };

  it('ends in the state an in-memory reference computes', async () => {
    const parsed = ordered.map((e) => {
      const r = parseJourneyEvent(JSON.stringify(e));
      if (!r.ok) throw new Error(r.reason.message);
      return r.event;
    });
    const reference = reduceEvents(parsed).get('ordered')!;
    const expected = JSON.parse(
      JSON.stringify(presentJourney(summarize(reference, 'ordered', Date.now()))),
    ) as Record<string, unknown>;
    const { status, body } = await fixture.journey('ordered');
    expect(status).toBe(200);
    expect(comparable(body)).toEqual(comparable(expected));
    // The detractor answer (day 70) is followed by a referral (day 81), so advocacy stands.
    expect(body).toMatchObject({ currentStage: 'advocacy', furthestStage: 'advocacy' });
  });

  it(`gives every one of ${PERMUTATIONS} random arrival orders the same final state`, async () => {
    const { body: orderedBody } = await fixture.journey('ordered');
    for (const p of permutations.keys()) {
      const { status, body } = await fixture.journey(`perm-${p}`);
      expect(status).toBe(200);
      expect(comparable(body)).toEqual(comparable(orderedBody));
    }
  });
});
