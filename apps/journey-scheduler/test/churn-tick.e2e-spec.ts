import { ALL_INBOUND_TOPICS, ChurnRiskEventV1, OUTBOUND_TOPICS } from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { ProcessorFixture } from '../../journey-processor/test/processor-fixture';
import { ChurnTickOutcome } from '../src/churn-rescore.service';
import { SchedulerFixture } from './scheduler-fixture';

const DAY = 86_400_000;
const NOW = Date.now();
const iso = (ms: number): string => new Date(ms).toISOString();

function orders(customerId: string, daysAgo: readonly number[]) {
  return daysAgo.map((days, i) =>
    envelope('order_placed', {
      customerId,
      eventId: `${customerId}-o${i}`,
      occurredAt: iso(NOW - days * DAY),
      properties: { orderId: `o${i}`, amount: '40.00', currency: 'EUR' },
    }),
  );
}

describe('journey scheduler: churn risk re-scored by time alone', () => {
  const processor = new ProcessorFixture('sched-churn', { MODEL_REFRESH_MS: '200' });
  const scheduler = new SchedulerFixture(processor);
  const dueKey = (): string => `${processor.ns.redisPrefix}idx:churn-due`;

  async function churnEvents(customerId: string): Promise<ChurnRiskEventV1[]> {
    const records = await processor.kafka.readAll(OUTBOUND_TOPICS.churnRisk);
    return records
      .map((r) => JSON.parse(r.value!.toString()) as ChurnRiskEventV1)
      .filter((e) => e.customerId === customerId);
  }

  async function tick(now: number): Promise<Extract<ChurnTickOutcome, { status: 'done' }>> {
    const { status, body } = await scheduler.post<Extract<ChurnTickOutcome, { status: 'done' }>>(
      `/jobs/churn-tick?now=${encodeURIComponent(iso(now))}`,
    );
    expect(status).toBe(200);
    return body;
  }

  beforeAll(async () => {
    await processor.start();
    await scheduler.start();
    // Every 10 days, last 2 days ago; and a slow buyer, every 60 days, who is not due in the next 40.
    await processor.kafka.publishEnvelopes([
      ...orders('every-10', [22, 12, 2]),
      ...orders('every-60', [122, 62, 2]),
    ]);
    await processor.kafka.waitForCatchUp(processor.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
  });

  afterAll(async () => {
    await scheduler.stop();
    await processor.dispose();
  });

  it('starts low, due for review when twice its usual gap has passed', async () => {
    expect((await churnEvents('every-10')).map((e) => [e.previousBand, e.band])).toEqual([[null, 'low']]);
    const lastOrder = Date.parse(iso(NOW - 2 * DAY));
    expect(Number(await processor.redis.zscore(dueKey(), 'every-10'))).toBe(lastOrder + 20 * DAY);
  });

  it('answers 404 for the CLV model before the first fit', async () => {
    expect((await scheduler.get('/models/clv')).status).toBe(404);
  });

  it('raises the risk to medium, as of 25 days from now, for an overdue purchase', async () => {
    const asOf = NOW + 25 * DAY;
    const outcome = await tick(asOf);
    // Only the due customer was read: the tick takes the due index, never the whole population.
    expect(outcome).toMatchObject({
      status: 'done',
      now: iso(asOf),
      outputs: { customers: 1, churnRiskEvents: 1 },
    });
    const events = await churnEvents('every-10');
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      previousBand: 'low',
      band: 'medium',
      trigger: { kind: 'time' },
      at: iso(asOf),
    });
    expect(events[1].reasons.map((r) => r.code)).toContain('OVERDUE_PURCHASE');
    const lastOrder = Date.parse(iso(NOW - 2 * DAY));
    expect(Number(await processor.redis.zscore(dueKey(), 'every-10'))).toBe(lastOrder + 30 * DAY);
    expect(await churnEvents('every-60')).toHaveLength(1);
  });

  it('raises it to high as of 40 days from now, and a repeated tick changes nothing', async () => {
    const asOf = NOW + 40 * DAY;
    await tick(asOf);
    const events = await churnEvents('every-10');
    expect(events.map((e) => [e.previousBand, e.band, e.trigger.kind])).toEqual([
      [null, 'low', 'event'],
      ['low', 'medium', 'time'],
      ['medium', 'high', 'time'],
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    expect(await processor.redis.hget(`${processor.ns.redisPrefix}j:{every-10}`, 'e')).toContain(
      '"band":"high"',
    );

    expect(await tick(asOf)).toMatchObject({ rounds: 0, outputs: { customers: 0 } });
    expect(await churnEvents('every-10')).toHaveLength(3);
  });

  it('refuses a tick while another instance holds the lease, and a malformed instant', async () => {
    const lock = `${processor.ns.redisPrefix}lock:churn-tick`;
    await processor.redis.set(lock, 'another-instance', 'PX', 10_000);
    expect((await scheduler.post('/jobs/churn-tick')).status).toBe(409);
    await processor.redis.del(lock);
    expect((await scheduler.post('/jobs/churn-tick?now=2026-13-01T00:00:00Z')).status).toBe(400);
    expect((await scheduler.post('/jobs/churn-tick')).status).toBe(200);
  });
});
