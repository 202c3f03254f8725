import { DEAD_LETTER_TOPIC, DeadLetterEventV1, INBOUND_TOPICS } from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { ProcessorFixture } from './processor-fixture';

describe('journey processor: a stored journey it cannot read', () => {
  const fixture = new ProcessorFixture('unreadable');
  const customerId = 'c-unreadable';
  const neighbour = 'c-readable';
  const key = `${fixture.ns.redisPrefix}j:{${customerId}}`;
  const truncated = '{"sv":1,"seen":[1,';
  const stageTopics = [INBOUND_TOPICS.consideration];
  const viewed = envelope('product_viewed', {
    customerId,
    eventId: `${customerId}-1`,
    occurredAt: '2026-03-01T12:00:00Z',
  });
  let letters: DeadLetterEventV1[] = [];
  let journeyWhileUnreadable = Number.NaN;

  beforeAll(async () => {
    await fixture.redis.hset(key, 'v', '3', 'd', truncated);
    await fixture.start();
    await fixture.kafka.publishEnvelopes([
      viewed,
      envelope('product_viewed', { customerId: neighbour, eventId: `${neighbour}-1` }),
    ]);
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, stageTopics, 60_000);
    letters = (await fixture.kafka.readAll(DEAD_LETTER_TOPIC)).map(
      (record) => JSON.parse(String(record.value)) as DeadLetterEventV1,
    );
    journeyWhileUnreadable = (await fixture.journey(customerId)).status;
  });

  afterAll(() => fixture.dispose());

  it('sets the event aside as PROCESSING_FAILED at the load step, naming the error', () => {
    expect(letters).toHaveLength(1);
    expect(letters[0]?.reason).toMatchObject({ code: 'PROCESSING_FAILED', field: 'load' });
    expect(letters[0]?.reason.message).toMatch(/^UnreadableJourneyError: /);
  });

  it('keeps the original bytes in the dead letter, for a replay', () => {
    const original = Buffer.from(letters[0]?.original.valueBase64 ?? '', 'base64');
    expect(JSON.parse(original.toString('utf8'))).toEqual(viewed);
  });

  it('leaves the stored journey as it was rather than overwrite it', async () => {
    expect(await fixture.redis.hmget(key, 'v', 'd')).toEqual(['3', truncated]);
  });

  it('moves on: the other customer of the unit is applied', async () => {
    const { status, body } = await fixture.journey(neighbour);
    expect(status).toBe(200);
    expect(body).toMatchObject({ countsByType: { product_viewed: 1 } });
  });

  it('answers the query API with a server error, not a made-up journey', () => {
    expect(journeyWhileUnreadable).toBe(500);
  });

  it('applies the event replayed from its dead letter once the journey is repaired', async () => {
    await fixture.redis.del(key);
    const original = Buffer.from(letters[0]?.original.valueBase64 ?? '', 'base64');
    await fixture.kafka.publishRaw([
      { topic: INBOUND_TOPICS.consideration, key: customerId, value: original },
    ]);
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, stageTopics, 60_000);
    const { status, body } = await fixture.journey(customerId);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      customerId,
      currentStage: 'consideration',
      countsByType: { product_viewed: 1 },
    });
  });
});
