import { ALL_INBOUND_TOPICS } from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { ProcessorFixture } from '../../journey-processor/test/processor-fixture';
import { ClvRefitOutcome } from '../src/clv-refit.service';
import { SchedulerFixture } from './scheduler-fixture';

type Refused = Extract<ClvRefitOutcome, { status: 'refused' }>;

const DAY = 86_400_000;

describe('journey scheduler: a CLV refit on orders in another currency', () => {
  const processor = new ProcessorFixture('sched-currency');
  const scheduler = new SchedulerFixture(processor);

  beforeAll(async () => {
    await processor.start();
    await scheduler.start();
    const now = Date.now();
    const orders = Array.from({ length: 40 }, (_, i) =>
      [0, 1].map((k) =>
        envelope('order_placed', {
          customerId: `usd-${i}`,
          eventId: `usd-${i}-o${k}`,
          occurredAt: new Date(now - (60 - 30 * k) * DAY).toISOString(),
          properties: { orderId: `o${k}`, amount: '19.99', currency: k === 0 && i < 2 ? 'GBP' : 'USD' },
        }),
      ),
    ).flat();
    await processor.kafka.publishEnvelopes(orders);
    await processor.kafka.waitForCatchUp(processor.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
  });

  afterAll(async () => {
    await scheduler.stop();
    await processor.dispose();
  });

  it('refuses, naming the pipeline currency and how many orders of which currencies it left out', async () => {
    const { status, body } = await scheduler.post<Refused>('/jobs/refit');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'refused',
      customers: 0,
      excludedOrders: { currency: 'EUR', total: 80, byCurrency: { USD: 78, GBP: 2 } },
    });
    expect(body.reasons).toContain(
      '78 orders in USD, 2 in GBP were left out: CLV is valued in EUR only (PIPELINE_CURRENCY)',
    );
    expect(body.reasons[0]).toMatch(/^BG\/NBD: .*got 0.* \(buyers in EUR\)$/);
  });
});
