import { INBOUND_TOPICS } from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProcessorFixture } from './processor-fixture';

describe('journey processor: a stored journey it cannot read', () => {
  const fixture = new ProcessorFixture('unreadable');
  const customerId = 'c-unreadable';
  const key = `${fixture.ns.redisPrefix}j:{${customerId}}`;
  const truncated = '{"sv":1,"seen":[1,';
  const stageTopics = [INBOUND_TOPICS.consideration];
  let lagWhileUnreadable = Number.NaN;
  let journeyWhileUnreadable = Number.NaN;
  let attempts = 0;

  /** `journey_batch_failures_total` of this topic and error, polled until it reaches `atLeast`. */
  async function failedAttempts(atLeast: number): Promise<number> {
    const sample =
      /^journey_batch_failures_total\{topic="journey\.consideration\.v1",error="UnreadableJourneyError"\} (\d+)$/m;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const text = await (await fetch(fixture.url('/metrics'))).text();
      const count = Number(sample.exec(text)?.[1] ?? 0);
      if (count >= atLeast || Date.now() > deadline) return count;
      await sleep(100);
    }
  }

  beforeAll(async () => {
    await fixture.redis.hset(key, 'v', '3', 'd', truncated);
    await fixture.start();
    await fixture.kafka.publishEnvelopes([
      envelope('product_viewed', {
        customerId,
        eventId: `${customerId}-1`,
        occurredAt: '2026-03-01T12:00:00Z',
      }),
    ]);
    // Until the processor has tried the batch, and retried it, and failed for the reason expected.
    attempts = await failedAttempts(2);
    lagWhileUnreadable = await fixture.kafka.lag(fixture.config.KAFKA_GROUP_ID, stageTopics);
    journeyWhileUnreadable = (await fixture.journey(customerId)).status;
  });

  afterAll(() => fixture.dispose());

  it('fails its attempts at the batch with the typed error, counted in the metrics', () => {
    expect(attempts).toBeGreaterThanOrEqual(2);
  });

  it('leaves the stored journey as it was rather than overwrite it', async () => {
    expect(await fixture.redis.hmget(key, 'v', 'd')).toEqual(['3', truncated]);
  });

  it('commits nothing past the event it could not apply', () => {
    expect(lagWhileUnreadable).toBe(1);
  });

  it('answers the query API with a server error, not a made-up journey', () => {
    expect(journeyWhileUnreadable).toBe(500);
  });

  it('applies the event once the journey is repaired, on its own retries', async () => {
    await fixture.redis.del(key);
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
