import {
  ClvEventV1,
  DEAD_LETTER_TOPIC,
  DeadLetterEventV1,
  IDENTITY_TOPIC,
  IdentifyEnvelope,
  JOURNEY_INPUT_TOPICS,
  OUTBOUND_TOPICS,
  StageChangedEventV1,
} from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { ProcessorFixture } from './processor-fixture';

const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (days: number): string => new Date(NOW - days * DAY).toISOString();

function identify(
  customerId: string,
  anonymousId: string,
  eventId: string,
  occurredAt: string,
): IdentifyEnvelope {
  return {
    eventId,
    customerId,
    anonymousId,
    type: 'identify',
    occurredAt,
    channel: 'web',
    properties: { anonymousId },
    schemaVersion: 1,
  };
}

describe('journey processor: identify links an anonymous journey to its customer', () => {
  const fixture = new ProcessorFixture('identify');
  const key = (id: string): string => `${fixture.ns.redisPrefix}j:{${id}}`;
  const index = (name: string): string => `${fixture.ns.redisPrefix}idx:${name}`;
  const signIn = identify('cust-1', 'anon-1', 'id-1', daysAgo(4));

  async function caughtUp(): Promise<void> {
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, JOURNEY_INPUT_TOPICS);
  }

  async function publishIdentify(...envelopes: IdentifyEnvelope[]): Promise<void> {
    await fixture.kafka.publishRaw(
      envelopes.map((e) => ({ topic: IDENTITY_TOPIC, key: e.customerId, value: JSON.stringify(e) })),
    );
    await caughtUp();
  }

  async function derived<T extends { customerId: string }>(topic: string, customerId: string): Promise<T[]> {
    const records = await fixture.kafka.readAll(topic);
    return records
      .map((r) => JSON.parse(r.value!.toString()) as T)
      .filter((e) => e.customerId === customerId);
  }

  async function refusals(): Promise<DeadLetterEventV1[]> {
    const records = await fixture.kafka.readAll(DEAD_LETTER_TOPIC);
    return records
      .map((r) => JSON.parse(r.value!.toString()) as DeadLetterEventV1)
      .filter((letter) => letter.reason.code === 'MERGE_REFUSED');
  }

  /** The journey as the API shows it, without the one field that moves with the clock. */
  async function view(customerId: string): Promise<Record<string, unknown>> {
    const { body } = await fixture.journey(customerId);
    const { timeInCurrentStageMs: _moving, ...rest } = body;
    return rest;
  }

  async function facts(customerId: string): Promise<Record<string, unknown>> {
    const {
      wm: _wm,
      ids: _ids,
      ...rest
    } = JSON.parse((await fixture.redis.hget(key(customerId), 'd'))!) as Record<string, unknown>;
    return rest;
  }

  beforeAll(async () => {
    await fixture.start();
    await fixture.kafka.publishEnvelopes([
      // Browsing before sign-in: the storefront sends the anonymous id as the customerId.
      envelope('ad_click', {
        customerId: 'anon-1',
        anonymousId: 'anon-1',
        eventId: 'anon-1-click',
        occurredAt: daysAgo(10),
        channel: 'ads',
        properties: { source: 'google', cost: '3.00', currency: 'EUR' },
      }),
      envelope('product_viewed', {
        customerId: 'anon-1',
        anonymousId: 'anon-1',
        eventId: 'anon-1-view',
        occurredAt: daysAgo(9),
        channel: 'mobile_app',
        properties: { productId: 'sku-1' },
      }),
      envelope('order_placed', {
        customerId: 'cust-1',
        eventId: 'cust-1-order',
        occurredAt: daysAgo(5),
        channel: 'web',
        properties: { orderId: 'o-1', amount: '40.00', currency: 'EUR' },
      }),
      // A second "anonymous" id that has bought: a customer in its own right.
      envelope('order_placed', {
        customerId: 'anon-2',
        anonymousId: 'anon-2',
        eventId: 'anon-2-order',
        occurredAt: daysAgo(8),
        properties: { orderId: 'o-2', amount: '15.00', currency: 'EUR' },
      }),
      envelope('search_visit', { customerId: 'cust-3', eventId: 'cust-3-visit', occurredAt: daysAgo(7) }),
    ]);
    await caughtUp();
    expect((await fixture.journey('anon-1')).status).toBe(200);
    await publishIdentify(signIn);
  });

  afterAll(() => fixture.dispose());

  it("attributes the visitor's awareness and consideration to the customer", async () => {
    expect(await view('cust-1')).toMatchObject({
      countsByType: { ad_click: 1, product_viewed: 1, order_placed: 1 },
      channels: ['ads', 'mobile_app', 'web'],
      acquisitionCost: { source: 'attributed', amounts: [{ amount: '3.00', currency: 'EUR' }] },
      firstSeenAt: daysAgo(10),
      mergedAnonymousIds: ['anon-1'],
      currentStage: 'conversion',
      stages: { awareness: { firstEnteredAt: daysAgo(10) }, consideration: { firstEnteredAt: daysAgo(9) } },
    });
    expect(Number(await fixture.redis.zscore(index('stage:awareness'), 'cust-1'))).toBe(NOW - 10 * DAY);
  });

  it('recomputes the CLV with the acquisition cost, and emits no stage change for earlier evidence alone', async () => {
    const clv = await derived<ClvEventV1>(OUTBOUND_TOPICS.clv, 'cust-1');
    expect(clv.at(-1)).toMatchObject({
      trigger: { kind: 'event', eventId: 'id-1' },
      simple: { acquisitionCost: '3.00', acquisitionCostSource: 'attributed' },
    });
    const changes = await derived<StageChangedEventV1>(OUTBOUND_TOPICS.stageChanged, 'cust-1');
    expect(changes.map((c) => [c.from, c.to, c.causingEventId])).toEqual([
      [null, 'conversion', 'cust-1-order'],
    ]);
  });

  it('deletes the anonymous journey and its index entries, keeping only the link', async () => {
    expect(await fixture.redis.hgetall(key('anon-1'))).toEqual({ a: 'cust-1' });
    expect((await fixture.journey('anon-1')).status).toBe(404);
    for (const name of ['customers', 'stage:awareness', 'stage:consideration']) {
      expect(await fixture.redis.zscore(index(name), 'anon-1')).toBeNull();
    }
  });

  it('attributes an event still arriving under the anonymous id to the customer', async () => {
    await fixture.kafka.publishEnvelopes([
      envelope('product_compared', {
        customerId: 'anon-1',
        anonymousId: 'anon-1',
        eventId: 'anon-1-compare',
        occurredAt: daysAgo(3),
        properties: { productIds: ['sku-1', 'sku-2'] },
      }),
    ]);
    await caughtUp();
    expect(await view('cust-1')).toMatchObject({
      countsByType: { ad_click: 1, product_viewed: 1, product_compared: 1, order_placed: 1 },
      lastSeenAt: daysAgo(3),
    });
    expect(await fixture.redis.hgetall(key('anon-1'))).toEqual({ a: 'cust-1' });
    expect(await fixture.redis.zscore(index('customers'), 'anon-1')).toBeNull();
  });

  it('changes nothing when the identify is published again', async () => {
    const before = await view('cust-1');
    const factsBefore = await facts('cust-1');
    const clvBefore = (await derived<ClvEventV1>(OUTBOUND_TOPICS.clv, 'cust-1')).length;
    await publishIdentify(signIn, signIn);
    expect(await view('cust-1')).toEqual(before);
    expect(await facts('cust-1')).toEqual(factsBefore);
    expect(await derived<ClvEventV1>(OUTBOUND_TOPICS.clv, 'cust-1')).toHaveLength(clvBefore);
  });

  it('refuses to merge an anonymous journey that has an order', async () => {
    await publishIdentify(identify('cust-3', 'anon-2', 'id-2', daysAgo(2)));
    expect((await refusals()).map((r) => [r.source.topic, r.reason.field, r.reason.message])).toContainEqual([
      fixture.kafka.topic(IDENTITY_TOPIC),
      'properties.anonymousId',
      expect.stringMatching(/orders/),
    ]);
    expect(await view('cust-3')).toMatchObject({ countsByType: { search_visit: 1 }, mergedAnonymousIds: [] });
    expect(await view('anon-2')).toMatchObject({ countsByType: { order_placed: 1 } });
    expect(await fixture.redis.hget(key('anon-2'), 'a')).toBeNull();
  });

  it('refuses to link an anonymous id already linked to another customer', async () => {
    const before = await view('cust-1');
    await publishIdentify(identify('cust-3', 'anon-1', 'id-3', daysAgo(1)));
    const refused = (await refusals()).filter((r) =>
      Buffer.from(r.original.valueBase64 ?? '', 'base64')
        .toString()
        .includes('"id-3"'),
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason.message).toMatch(/already linked/);
    expect(await view('cust-3')).toMatchObject({ mergedAnonymousIds: [], countsByType: { search_visit: 1 } });
    expect(await fixture.redis.hgetall(key('anon-1'))).toEqual({ a: 'cust-1' });
    expect(await view('cust-1')).toEqual(before);
  });

  it('changes nothing when every topic is replayed from offset 0 by a new consumer group', async () => {
    const state = await fixture.redis.hget(key('cust-1'), 'd');
    const refused = (await refusals()).length;
    await fixture.stop();
    Object.assign(fixture.config, { KAFKA_GROUP_ID: `${fixture.config.KAFKA_GROUP_ID}-replay` });
    await fixture.start();
    await caughtUp();
    expect(await fixture.redis.hget(key('cust-1'), 'd')).toBe(state);
    expect(await fixture.redis.hgetall(key('anon-1'))).toEqual({ a: 'cust-1' });
    // The refused identifies are refused again: the same decision on the same facts.
    expect(await refusals()).toHaveLength(2 * refused);
  });
});
