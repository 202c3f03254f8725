import { ALL_INBOUND_TOPICS, ClvEventV1, OUTBOUND_TOPICS } from '@pipeline/contracts';
import { JourneySimulator } from '@pipeline/journey-simulator';
import { ProcessorFixture } from '../../journey-processor/test/processor-fixture';
import { ClvRefitOutcome } from '../src/clv-refit.service';
import { SchedulerFixture } from './scheduler-fixture';

type Fitted = Extract<ClvRefitOutcome, { status: 'fitted' }>;

const DAY = 86_400_000;

/** The stream `scripts/up.sh` plays (demo-storefront's defaults: 2,000 customers, seed 42, two years to today). */
function demoStream() {
  const endMs = Math.floor(Date.now() / DAY) * DAY;
  return new JourneySimulator({
    customers: 2_000,
    seed: 42,
    customerPrefix: 'demo-',
    startMs: endMs - 730 * DAY,
    spanDays: 365,
    endMs,
  }).generate();
}

describe('journey scheduler: a refit on the demo stream', () => {
  const processor = new ProcessorFixture('sched-demo');
  const scheduler = new SchedulerFixture(processor);
  let refit: ClvRefitOutcome;

  beforeAll(async () => {
    await processor.start();
    await scheduler.start();
    await processor.kafka.publishEnvelopes(demoStream().map((e) => e.envelope));
    await processor.kafka.waitForCatchUp(processor.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    refit = (await scheduler.post<ClvRefitOutcome>('/jobs/refit')).body;
  });

  afterAll(async () => {
    await scheduler.stop();
    await processor.dispose();
  });

  it('fits both models', () => {
    expect(refit).toMatchObject({ status: 'fitted' });
    const fitted = refit as Fitted;
    expect(fitted.repeatBuyers).toBeGreaterThan(100);
    expect(fitted.segmentThresholds).not.toBeNull();
    // Both purchase models are fitted on the same summaries; the lower AIC values the customers.
    expect(fitted.params.paretoNbd).toBeDefined();
    const { bgNbd, paretoNbd } = fitted.logLikelihoods;
    expect(fitted.purchaseModel).toBe((paretoNbd ?? -Infinity) > bgNbd ? 'pareto-nbd' : 'bg-nbd');
    expect(fitted.purchaseModelReason).toMatch(/^AIC BG\/NBD /);
  });

  it('values the buyers with predictive CLV and ranks them in segments', async () => {
    const records = await processor.kafka.readAll(OUTBOUND_TOPICS.clv);
    const byRefit = records
      .map((r) => JSON.parse(r.value!.toString()) as ClvEventV1)
      .filter((e) => e.trigger.kind === 'refit');
    expect(byRefit.length).toBeGreaterThan(100);
    expect(byRefit.every((e) => e.predictive !== null && e.segment !== 'unranked')).toBe(true);
    const segments = new Set(byRefit.map((e) => e.segment));
    expect([...segments].sort()).toEqual(['high', 'low', 'medium', 'top']);
  });
});
