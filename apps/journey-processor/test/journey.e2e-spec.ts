import { OUTBOUND_TOPICS, StageChangedEventV1, ALL_INBOUND_TOPICS } from '@pipeline/contracts';
import { envelope, indexMismatches } from '@pipeline/testing';
import { ProcessorFixture } from './processor-fixture';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t0 = Date.UTC(2026, 0, 5, 9);
const at = (ms: number): string => new Date(t0 + ms).toISOString();

/** awareness -> consideration -> conversion -> retention -> advocacy, with a partial refund on the way. */
function scriptedJourney(customerId: string) {
  return [
    envelope('ad_click', {
      customerId,
      eventId: `${customerId}-1`,
      occurredAt: at(0),
      channel: 'ads',
      properties: { source: 'google', cost: '2.50', currency: 'EUR' },
    }),
    envelope('product_viewed', {
      customerId,
      eventId: `${customerId}-2`,
      occurredAt: at(HOUR),
      channel: 'web',
      properties: { productId: 'sku-1' },
    }),
    envelope('order_placed', {
      customerId,
      eventId: `${customerId}-3`,
      occurredAt: at(2 * HOUR),
      properties: { orderId: 'o1', amount: '59.90', currency: 'EUR' },
    }),
    envelope('order_refunded', {
      customerId,
      eventId: `${customerId}-4`,
      occurredAt: at(5 * DAY),
      properties: { orderId: 'o1', amount: '10.00', currency: 'EUR' },
    }),
    envelope('order_placed', {
      customerId,
      eventId: `${customerId}-5`,
      occurredAt: at(30 * DAY),
      properties: { orderId: 'o2', amount: 20, currency: 'EUR' },
    }),
    envelope('nps_response', {
      customerId,
      eventId: `${customerId}-6`,
      occurredAt: at(31 * DAY),
      properties: { score: 10 },
    }),
  ];
}

describe('journey processor: a scripted journey end to end', () => {
  const fixture = new ProcessorFixture('journey');
  const customerId = 'c-journey';
  const events = scriptedJourney(customerId);

  beforeAll(async () => {
    await fixture.start();
    // Each stage topic is consumed on its own, so a journey lived in real time is replayed as one:
    // the next event is sent once the previous one is applied.
    for (const event of events) {
      await fixture.kafka.publishEnvelopes([event]);
      await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    }
  });

  afterAll(() => fixture.dispose());

  async function stageChanges(): Promise<StageChangedEventV1[]> {
    const records = await fixture.kafka.readAll(OUTBOUND_TOPICS.stageChanged);
    return records
      .map((r) => JSON.parse(r.value!.toString()) as StageChangedEventV1)
      .filter((e) => e.customerId === customerId);
  }

  async function storedState(): Promise<string | null> {
    return fixture.redis.hget(`${fixture.ns.redisPrefix}j:{${customerId}}`, 'd');
  }

  it('keeps the journey state, with money exact in major units', async () => {
    const { status, body } = await fixture.journey(customerId);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      customerId,
      currentStage: 'advocacy',
      furthestStage: 'advocacy',
      channels: ['ads', 'web'],
      countsByType: { ad_click: 1, product_viewed: 1, order_placed: 2, order_refunded: 1, nps_response: 1 },
      orders: {
        count: 2,
        firstOrderAt: at(2 * HOUR),
        lastOrderAt: at(30 * DAY),
        revenue: [
          {
            currency: 'EUR',
            gross: { amount: '79.90' },
            refunded: { amount: '10.00' },
            net: { amount: '69.90' },
          },
        ],
      },
      nps: { score: 10, category: 'promoter', at: at(31 * DAY) },
      acquisitionCost: { source: 'attributed', amounts: [{ amount: '2.50', currency: 'EUR' }] },
      firstSeenAt: at(0),
      lastSeenAt: at(31 * DAY),
    });
  });

  it('emits exactly one stage change per transition, in journey order', async () => {
    const changes = await stageChanges();
    expect(changes.map((c) => [c.from, c.to, c.causingEventId, c.at])).toEqual([
      [null, 'awareness', `${customerId}-1`, at(0)],
      ['awareness', 'consideration', `${customerId}-2`, at(HOUR)],
      ['consideration', 'conversion', `${customerId}-3`, at(2 * HOUR)],
      ['conversion', 'retention', `${customerId}-5`, at(30 * DAY)],
      ['retention', 'advocacy', `${customerId}-6`, at(31 * DAY)],
    ]);
    expect(new Set(changes.map((c) => c.eventId)).size).toBe(5);
  });

  it('answers 404 for a customer it has never seen and 400 for a malformed id', async () => {
    expect((await fixture.journey('nobody-here')).status).toBe(404);
    expect((await fixture.journey('a b')).status).toBe(400);
  });

  it('changes nothing when the same events are published again', async () => {
    const before = await storedState();
    await fixture.kafka.publishEnvelopes(events);
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    const after = JSON.parse((await storedState())!) as Record<string, unknown>;
    const { wm: _wmBefore, ids: _idsBefore, ...factsBefore } = JSON.parse(before!) as Record<string, unknown>;
    const { wm: _wmAfter, ids: _idsAfter, ...factsAfter } = after;
    expect(factsAfter).toEqual(factsBefore);
    expect(await stageChanges()).toHaveLength(5);
    expect((await fixture.journey(customerId)).body).toMatchObject({ countsByType: { order_placed: 2 } });
  });

  it('changes nothing when the whole topic is replayed from offset 0 by a new consumer group', async () => {
    const before = await storedState();
    await fixture.stop();
    const replayGroup = `${fixture.config.KAFKA_GROUP_ID}-replay`;
    Object.assign(fixture.config, { KAFKA_GROUP_ID: replayGroup });
    await fixture.start();
    await fixture.kafka.waitForCatchUp(replayGroup, ALL_INBOUND_TOPICS);
    expect(await storedState()).toBe(before);
    expect(await stageChanges()).toHaveLength(5);
  });

  it('rewrites the index entries a crash left unwritten once the events are redelivered', async () => {
    // What a crash between the journey's commit and the index step leaves: the events applied, the
    // index entries not written. The redelivered events, all duplicates, must still write them all.
    await fixture.stop();
    const indexes = await fixture.redis.keys(`${fixture.ns.redisPrefix}idx:*`);
    expect(indexes.length).toBeGreaterThan(5);
    await fixture.redis.del(...indexes);
    expect(await indexMismatches(fixture.redis, fixture.ns.redisPrefix, [customerId])).not.toEqual([]);
    const redeliveryGroup = `${fixture.config.KAFKA_GROUP_ID}-redelivery`;
    Object.assign(fixture.config, { KAFKA_GROUP_ID: redeliveryGroup });
    await fixture.start();
    await fixture.kafka.waitForCatchUp(redeliveryGroup, ALL_INBOUND_TOPICS);
    expect(await indexMismatches(fixture.redis, fixture.ns.redisPrefix, [customerId])).toEqual([]);
    expect(
      await fixture.redis.zscore(`${fixture.ns.redisPrefix}idx:stage:advocacy`, customerId),
    ).not.toBeNull();
  });
});
