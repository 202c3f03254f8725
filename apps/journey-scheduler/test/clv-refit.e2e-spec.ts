import {
  ALL_INBOUND_TOPICS,
  ClvEventV1,
  EnvelopeOf,
  OUTBOUND_TOPICS,
  formatMinorUnits,
} from '@pipeline/contracts';
import {
  ClvModelSnapshot,
  generateSyntheticCustomers,
  parseClvModelSnapshot,
  seededUniform,
} from '@pipeline/journey-domain';
import { envelope } from '@pipeline/testing';
import { ProcessorFixture } from '../../journey-processor/test/processor-fixture';
import { sleep } from '../../journey-processor/test/kafka-test-client';
import { ClvRefitOutcome } from '../src/clv-refit.service';
import { SchedulerFixture } from './scheduler-fixture';

const WEEK = 7 * 86_400_000;
const CUSTOMERS = 2_000;
const BG_NBD = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const GAMMA_GAMMA = { p: 6, q: 4, v: 15 };
/** Synthetic spend is drawn in currency units and stored x100: v is fitted in cents. */
const V_IN_MINOR = GAMMA_GAMMA.v * 100;
const SEED = 2026;

type Fitted = Extract<ClvRefitOutcome, { status: 'fitted' }>;

/**
 * A 52-week calibration window ending an hour ago, customers acquired over its first 26 weeks:
 * purchase time t (weeks) happens at END - (52 - t) weeks, always in the past.
 */
function syntheticOrders(end: number): Array<EnvelopeOf<'order_placed'>> {
  const customers = generateSyntheticCustomers({
    customers: CUSTOMERS,
    bgNbd: BG_NBD,
    gammaGamma: GAMMA_GAMMA,
    observationEnd: 52,
    acquisitionWindow: 26,
    random: seededUniform(SEED),
  });
  return customers.flatMap((customer, i) =>
    customer.purchaseTimes.map((t, k) =>
      envelope('order_placed', {
        customerId: `syn-${i}`,
        eventId: `syn-${i}-o${k}`,
        occurredAt: new Date(Math.floor(end - (52 - t) * WEEK)).toISOString(),
        properties: {
          orderId: `o${k}`,
          amount: formatMinorUnits(customer.amountsMinor[k] ?? 0, 'EUR'),
          currency: 'EUR',
        },
      }),
    ),
  );
}

const relativeError = (fitted: number, truth: number): number => Math.abs(fitted / truth - 1);

describe('journey scheduler: CLV refit on the whole buyer population', () => {
  const processor = new ProcessorFixture('sched-refit', { MODEL_REFRESH_MS: '200' });
  const scheduler = new SchedulerFixture(processor);
  let refit: Fitted;

  async function clvEvents(): Promise<ClvEventV1[]> {
    const records = await processor.kafka.readAll(OUTBOUND_TOPICS.clv);
    return records.map((r) => JSON.parse(r.value!.toString()) as ClvEventV1);
  }

  beforeAll(async () => {
    await processor.start();
    await scheduler.start();
    await processor.kafka.publishEnvelopes(syntheticOrders(Date.now() - 3_600_000));
    await processor.kafka.waitForCatchUp(processor.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    const { status, body } = await scheduler.post<Fitted>('/jobs/refit');
    expect(status).toBe(200);
    refit = body;
  });

  afterAll(async () => {
    await scheduler.stop();
    await processor.dispose();
  });

  it('stores the fitted snapshot, with its fit quality and time, and serves it', async () => {
    expect(refit).toMatchObject({ status: 'fitted', customers: CUSTOMERS });
    const stored = parseClvModelSnapshot(await processor.redis.get(`${processor.ns.redisPrefix}model:clv`));
    expect(stored).toBeDefined();
    const snapshot = stored!;
    expect(snapshot).toMatchObject({
      version: refit.modelVersion,
      unit: 'week',
      currency: 'EUR',
      fitMs: refit.fitMs,
      bgNbd: { customers: CUSTOMERS, logLikelihood: refit.logLikelihoods.bgNbd },
      gammaGamma: { customers: refit.repeatBuyers, logLikelihood: refit.logLikelihoods.gammaGamma },
    });
    expect(snapshot.version).toMatch(/^clv-\d{4}-\d{2}-\d{2}T[\d:.]+Z-[0-9a-f]{8}$/);
    expect(snapshot.bgNbd.logLikelihood).toBeLessThan(0);
    expect(snapshot.fitMs).toBeGreaterThanOrEqual(0);
    expect(snapshot.segmentThresholds!.p50).toBeLessThanOrEqual(snapshot.segmentThresholds!.p90);
    expect(await processor.redis.llen(`${processor.ns.redisPrefix}model:clv:history`)).toBe(1);
    expect((await scheduler.get<ClvModelSnapshot>('/models/clv')).body).toEqual(snapshot);
  });

  // Measured over 13 seeds at this size (2,000 customers, ~880 repeat buyers), worst relative error:
  // r 12%, alpha 24%, q 14%; the population means r / alpha 13%, a / (a + b) 12%, p v / (q - 1) 4%.
  // a, b, p and v alone trade off along flat ridges of the likelihood and reached 57%, 53%, 38%, 37%,
  // so they are held to a factor of two only; the 20,000-customer domain spec holds them to 15%.
  it('recovers the generating parameters: r, alpha, q within 35%, the population means within 20%', () => {
    const { bgNbd, gammaGamma } = refit.params;
    for (const key of ['r', 'alpha'] as const) {
      expect(relativeError(bgNbd[key], BG_NBD[key])).toBeLessThan(0.35);
    }
    expect(relativeError(gammaGamma.q, GAMMA_GAMMA.q)).toBeLessThan(0.35);
    expect(relativeError(bgNbd.r / bgNbd.alpha, BG_NBD.r / BG_NBD.alpha)).toBeLessThan(0.2);
    expect(relativeError(bgNbd.a / (bgNbd.a + bgNbd.b), BG_NBD.a / (BG_NBD.a + BG_NBD.b))).toBeLessThan(0.2);
    const meanSpend = ({ p, q, v }: { p: number; q: number; v: number }): number => (p * v) / (q - 1);
    expect(relativeError(meanSpend(gammaGamma), meanSpend({ ...GAMMA_GAMMA, v: V_IN_MINOR }))).toBeLessThan(
      0.2,
    );
    const pairs: Array<[number, number]> = [
      [bgNbd.a, BG_NBD.a],
      [bgNbd.b, BG_NBD.b],
      [gammaGamma.p, GAMMA_GAMMA.p],
      [gammaGamma.v, V_IN_MINOR],
    ];
    for (const [fitted, truth] of pairs) {
      expect(fitted / truth).toBeGreaterThan(0.5);
      expect(fitted / truth).toBeLessThan(2);
    }
  });

  it('re-emits CLV once for each customer whose value moved, under the new model', async () => {
    const byRefit = (await clvEvents()).filter((e) => e.trigger.kind === 'refit');
    expect(byRefit.length).toBe(refit.emitted.clvEvents);
    expect(byRefit.length).toBeGreaterThan(0.9 * CUSTOMERS);
    expect(new Set(byRefit.map((e) => e.eventId)).size).toBe(byRefit.length);
    expect(new Set(byRefit.map((e) => e.customerId)).size).toBe(byRefit.length);
    for (const event of byRefit) {
      expect(event.trigger).toEqual({ kind: 'refit', modelVersion: refit.modelVersion });
      expect(event.predictive?.modelVersion).toBe(refit.modelVersion);
    }
  });

  it('values a new order in the stream with the refitted model', async () => {
    await sleep(400); // the processor rereads the stored model every 200 ms
    await processor.kafka.publishEnvelopes([
      envelope('order_placed', {
        customerId: 'syn-0',
        eventId: 'syn-0-after-refit',
        occurredAt: new Date().toISOString(),
        properties: { orderId: 'after-refit', amount: '25.00', currency: 'EUR' },
      }),
    ]);
    await processor.kafka.waitForCatchUp(processor.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    const event = (await clvEvents()).find(
      (e) => e.trigger.kind === 'event' && e.trigger.eventId === 'syn-0-after-refit',
    );
    expect(event?.predictive?.modelVersion).toBe(refit.modelVersion);
  });

  it('refits again without a storm: values that barely moved are not re-emitted', async () => {
    const { status, body } = await scheduler.post<Fitted>('/jobs/refit');
    expect(status).toBe(200);
    expect(body.modelVersion).not.toBe(refit.modelVersion);
    expect(body.emitted.clvEvents).toBeLessThan(0.05 * CUSTOMERS);
    expect(await processor.redis.llen(`${processor.ns.redisPrefix}model:clv:history`)).toBe(2);
  });
});
