import {
  ALL_INBOUND_TOPICS,
  IDENTITY_TOPIC,
  INBOUND_TOPICS,
  JOURNEY_INPUT_TOPICS,
  OUTBOUND_TOPICS,
} from '@pipeline/contracts';
import { JourneyTracker, TrackValidationError, TrackerClosedError } from '@pipeline/storefront-sdk';
import { testInfra } from '@pipeline/testing';
import { ProcessorFixture } from './processor-fixture';

const HOUR = 3_600_000;
const t0 = Date.now() - 72 * HOUR;
const at = (ms: number): string => new Date(t0 + ms).toISOString();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface WireEnvelope {
  readonly eventId: string;
  readonly customerId: string;
  readonly occurredAt: string;
  readonly type: string;
}

describe('JourneyTracker -> Kafka -> journey processor', () => {
  const fixture = new ProcessorFixture('sdk');
  let tracker: JourneyTracker;

  /** Every envelope on a stage topic, with the key it was written under. */
  async function recordsOn(topic: string): Promise<Array<{ key: string | null; envelope: WireEnvelope }>> {
    const records = await fixture.kafka.readAll(topic);
    return records.map((r) => ({ key: r.key, envelope: JSON.parse(r.value!.toString()) as WireEnvelope }));
  }

  beforeAll(async () => {
    await fixture.start();
    tracker = new JourneyTracker({
      brokers: testInfra().kafkaBrokers,
      clientId: `sdk-${fixture.ns.id}`,
      topicPrefix: fixture.ns.topicPrefix,
      lingerMs: 20,
    });
    await tracker.connect();
  });

  afterAll(async () => {
    await tracker.close();
    await fixture.dispose();
  });

  it('delivers a tracked journey that the processor applies and the query API shows', async () => {
    const customerId = 'c-sdk-journey';
    await tracker.track({
      type: 'ad_click',
      customerId,
      eventId: 'sdk-1',
      occurredAt: at(0),
      channel: 'ads',
      properties: { source: 'google', cost: '2.50', currency: 'EUR' },
    });
    await tracker.track({
      type: 'product_viewed',
      customerId,
      eventId: 'sdk-2',
      occurredAt: new Date(t0 + HOUR),
      channel: 'web',
      properties: { productId: 'sku-1' },
    });
    const results = await tracker.trackBatch([
      {
        type: 'order_placed',
        customerId,
        eventId: 'sdk-3',
        occurredAt: at(2 * HOUR),
        properties: { orderId: 'o-1', amount: '59.90', currency: 'EUR' },
      },
      {
        type: 'order_placed',
        customerId,
        eventId: 'sdk-4',
        occurredAt: at(30 * HOUR),
        properties: { orderId: 'o-2', amount: 20, currency: 'EUR' },
      },
    ]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);

    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    const { status, body } = await fixture.journey(customerId);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      customerId,
      currentStage: 'retention',
      countsByType: { ad_click: 1, product_viewed: 1, order_placed: 2 },
      orders: { count: 2, revenue: [{ currency: 'EUR', gross: { amount: '79.90' } }] },
      acquisitionCost: { source: 'attributed', amounts: [{ amount: '2.50', currency: 'EUR' }] },
      firstSeenAt: at(0),
    });
  });

  it('identifies an anonymous visitor, whose browsing then counts for the customer', async () => {
    const anonymousId = 'anon-sdk-7';
    const customerId = 'c-sdk-identified';
    await tracker.track({
      type: 'ad_click',
      customerId: anonymousId,
      anonymousId,
      eventId: 'sdk-anon-1',
      occurredAt: at(0),
      properties: { source: 'bing', cost: '1.20', currency: 'EUR' },
    });
    await tracker.track({
      type: 'order_placed',
      customerId,
      eventId: 'sdk-known-1',
      occurredAt: at(5 * HOUR),
      properties: { orderId: 'o-id-1', amount: '10.00', currency: 'EUR' },
    });
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, JOURNEY_INPUT_TOPICS);
    const result = await tracker.identify({ customerId, anonymousId, occurredAt: at(6 * HOUR) });
    expect(result.topic).toBe(`${fixture.ns.topicPrefix}${IDENTITY_TOPIC}`);
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, JOURNEY_INPUT_TOPICS);
    expect((await fixture.journey(customerId)).body).toMatchObject({
      countsByType: { ad_click: 1, order_placed: 1 },
      acquisitionCost: { source: 'attributed', amounts: [{ amount: '1.20', currency: 'EUR' }] },
      firstSeenAt: at(0),
    });
    expect((await fixture.journey(anonymousId)).status).toBe(404);
  });

  it('keeps the latest consent answer by event time: given, withdrawn, then a late older grant', async () => {
    const customerId = 'c-sdk-consent';
    const answer = (eventId: string, hours: number, status: 'granted' | 'withdrawn') =>
      tracker.consent({
        customerId,
        eventId,
        occurredAt: at(hours * HOUR),
        properties: { channel: 'email', status, source: `form-${eventId}` },
      });
    const result = await answer('consent-1', 1, 'granted');
    expect(result.topic).toBe(`${fixture.ns.topicPrefix}${INBOUND_TOPICS.retention}`);
    await answer('consent-2', 3, 'withdrawn');
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, JOURNEY_INPUT_TOPICS);
    // Answered at hour 2, arriving last: older than the withdrawal, so it changes nothing.
    await answer('consent-late', 2, 'granted');
    await tracker.consent({
      customerId,
      eventId: 'consent-sms',
      occurredAt: at(HOUR),
      properties: { channel: 'sms', status: 'granted', source: 'checkout' },
    });
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, JOURNEY_INPUT_TOPICS);
    const expected = {
      email: { status: 'withdrawn', source: 'form-consent-2', at: at(3 * HOUR) },
      sms: { status: 'granted', source: 'checkout', at: at(HOUR) },
    };
    expect((await fixture.journey(customerId)).body).toMatchObject({ consent: expected });
    const profiles = (await fixture.kafka.readToEnd(OUTBOUND_TOPICS.profile)).filter(
      (r) => r.key === customerId,
    );
    expect(JSON.parse(profiles.at(-1)?.value?.toString() ?? 'null')).toMatchObject({ consent: expected });
  });

  it('rejects an identify that names no anonymous id, without sending it', async () => {
    await expect(tracker.identify({ customerId: 'c-1', anonymousId: 'c-1' })).rejects.toBeInstanceOf(
      TrackValidationError,
    );
  });

  it('keys each event by customerId onto the topic of its stage, resolving only after the ack', async () => {
    const customerId = 'c-sdk-keys';
    const result = await tracker.track({ type: 'nps_response', customerId, properties: { score: 9 } });
    expect(result.topic).toBe(`${fixture.ns.topicPrefix}${INBOUND_TOPICS.advocacy}`);
    // The ack came before this read: the record is already on the topic.
    const records = (await recordsOn(INBOUND_TOPICS.advocacy)).filter((r) => r.key === customerId);
    expect(records).toHaveLength(1);
    expect(records[0].envelope).toMatchObject({ eventId: result.eventId, customerId, type: 'nps_response' });
  });

  it('generates a UUID v4 eventId and an occurredAt of now when they are left out', async () => {
    const before = Date.now();
    const result = await tracker.track({
      type: 'repeat_visit',
      customerId: 'c-sdk-defaults',
      properties: { source: 'newsletter' },
    });
    expect(result.eventId).toMatch(UUID_V4);
    const [record] = (await recordsOn(INBOUND_TOPICS.retention)).filter(
      (r) => r.envelope.eventId === result.eventId,
    );
    const occurredAt = Date.parse(record.envelope.occurredAt);
    expect(occurredAt).toBeGreaterThanOrEqual(before);
    expect(occurredAt).toBeLessThanOrEqual(Date.now());
  });

  it('rejects an invalid event naming the field, and never publishes it', async () => {
    const customerId = 'c-sdk-invalid';
    const tracking = tracker.track({
      type: 'order_placed',
      customerId,
      eventId: 'sdk-invalid-1',
      properties: { orderId: 'o-9', amount: '59.901', currency: 'EUR' },
    });
    await expect(tracking).rejects.toBeInstanceOf(TrackValidationError);
    await expect(tracking).rejects.toMatchObject({ code: 'INVALID_FIELD', field: 'properties.amount' });
    await expect(tracking).rejects.toThrow(/properties\.amount has 3 decimal places/);

    // A valid event of the same customer, tracked after it, is there; the invalid one is not.
    await tracker.track({
      type: 'order_placed',
      customerId,
      eventId: 'sdk-valid-after',
      properties: { orderId: 'o-9', amount: '59.90', currency: 'EUR' },
    });
    const ids = (await recordsOn(INBOUND_TOPICS.conversion))
      .filter((r) => r.key === customerId)
      .map((r) => r.envelope.eventId);
    expect(ids).toEqual(['sdk-valid-after']);
  });

  it('sends the valid events of a batch and reports each invalid one with its field', async () => {
    const customerId = 'c-sdk-batch';
    const results = await tracker.trackBatch([
      { type: 'ad_impression', customerId, eventId: 'b-1', properties: { source: 'bing' } },
      { type: 'review_posted', customerId, eventId: 'b-2', properties: { rating: 6 } },
      { type: 'wishlist_added', customerId, eventId: 'b-3', properties: { productId: 'sku-3' } },
      { type: 'wishlist_added', customerId: 'has space', eventId: 'b-4', properties: { productId: 'sku-3' } },
    ]);
    expect(results).toEqual([
      expect.objectContaining({ index: 0, status: 'accepted', eventId: 'b-1' }),
      {
        index: 1,
        status: 'rejected',
        reason: expect.objectContaining({ code: 'INVALID_FIELD', field: 'properties.rating' }) as unknown,
      },
      expect.objectContaining({ index: 2, status: 'accepted', eventId: 'b-3' }),
      {
        index: 3,
        status: 'rejected',
        reason: expect.objectContaining({ code: 'INVALID_FIELD', field: 'customerId' }) as unknown,
      },
    ]);
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    expect((await fixture.journey(customerId)).body).toMatchObject({
      countsByType: { ad_impression: 1, wishlist_added: 1 },
    });
    const advocacy = (await recordsOn(INBOUND_TOPICS.advocacy)).filter((r) => r.key === customerId);
    expect(advocacy).toEqual([]);
  });

  it('flushes on close and rejects events tracked afterwards', async () => {
    const own = new JourneyTracker({
      brokers: testInfra().kafkaBrokers,
      clientId: `sdk-close-${fixture.ns.id}`,
      topicPrefix: fixture.ns.topicPrefix,
      lingerMs: 60_000,
    });
    const customerId = 'c-sdk-close';
    const pending = own.track({ type: 'social_share', customerId, eventId: 'close-1', properties: {} });
    await own.close();
    await expect(pending).resolves.toMatchObject({ eventId: 'close-1' });
    await expect(
      own.track({ type: 'social_share', customerId, eventId: 'close-2', properties: {} }),
    ).rejects.toBeInstanceOf(TrackerClosedError);
    const ids = (await recordsOn(INBOUND_TOPICS.advocacy))
      .filter((r) => r.key === customerId)
      .map((r) => r.envelope.eventId);
    expect(ids).toEqual(['close-1']);
  });
});
