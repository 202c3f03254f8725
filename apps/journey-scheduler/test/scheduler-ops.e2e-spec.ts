import { ProcessorFixture } from '../../journey-processor/test/processor-fixture';
import { SchedulerFixture } from './scheduler-fixture';

describe('journey scheduler: observable like the other services', () => {
  const processor = new ProcessorFixture('scheduler-ops');
  const scheduler = new SchedulerFixture(processor);

  beforeAll(async () => {
    await processor.start();
    await scheduler.start();
    // A job run, so its own metrics have something to show.
    await scheduler.post('/jobs/churn-tick');
  });

  afterAll(async () => {
    await scheduler.stop();
    await processor.dispose();
  });

  it('serves Prometheus metrics: the process, and no consumer series it would never move', async () => {
    const response = await fetch(scheduler.url('/metrics'));
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    expect(text).not.toMatch(/^kafka_consumergroup_lag/m);
  });

  it('answers liveness, and readiness once Kafka and Redis answer', async () => {
    expect((await fetch(scheduler.url('/health/live'))).status).toBe(200);
    const ready = await fetch(scheduler.url('/health/ready'));
    expect(ready.status).toBe(200);
    expect(JSON.stringify(await ready.json())).toMatch(/kafka/i);
  });
});
