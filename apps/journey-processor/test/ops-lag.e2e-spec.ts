import { JOURNEY_INPUT_TOPICS, topicMessage } from '@pipeline/contracts';
import { JourneySimulator } from '@pipeline/journey-simulator';
import { ConsumerLagReader, ReadinessReport } from '@pipeline/observability';
import { Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../../../libs/observability/test/eventually';
import {
  Sample,
  parsePrometheusText,
  samplesOf,
  sumOf,
} from '../../../libs/observability/test/prometheus-text';
import { readLagReport } from '../../ops-cli/src/lag-report';
import { formatLagTable } from '../../ops-cli/src/lag-table';
import { RunningProcessor } from '../src/journey-processor.app';
import { ProcessorFixture } from './processor-fixture';

describe('ops: consumer lag while the processor is paused', () => {
  const fixture = new ProcessorFixture('ops-lag', { LAG_POLL_MS: '500', READY_LAG_THRESHOLD: '10' });
  const group = fixture.config.KAFKA_GROUP_ID;
  const stream = new JourneySimulator({ customers: 80, seed: 17, customerPrefix: 'lag-' }).generate();
  const backlog = stream.length;
  let running: RunningProcessor;
  let admin: Admin;
  let publishStarted = 0;
  let publishEnded = 0;

  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(fixture.url('/metrics'));
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parsePrometheusText(await response.text());
  };
  const lagSum = (samples: readonly Sample[]): number =>
    sumOf(samples, 'kafka_consumergroup_lag_sum', { consumergroup: group });
  const readiness = async (): Promise<{ status: number; body: ReadinessReport }> => {
    const response = await fetch(fixture.url('/health/ready'));
    return { status: response.status, body: (await response.json()) as ReadinessReport };
  };

  beforeAll(async () => {
    running = await fixture.start();
    await eventually(readiness, (r) => r.status === 200, { what: 'the consumer joining its group' });
    running.server.pause();
    // A fetch already waiting at the broker (maxWaitTimeInMs 1 s) returns empty before anything is published.
    await sleep(1_500);
    publishStarted = Date.now();
    await fixture.kafka.publishRaw(stream.map((e) => topicMessage(e.topic, e.key, e.envelope)));
    publishEnded = Date.now();
    admin = fixture.kafka.kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await fixture.dispose();
  });

  it('reports exactly the unprocessed backlog as kafka_consumergroup_lag_sum, and keeps it while paused', async () => {
    const samples = await eventually(scrape, (s) => lagSum(s) === backlog, { what: `lag sum ${backlog}` });
    expect(samplesOf(samples, 'kafka_consumergroup_lag_sum', { consumergroup: group })).toHaveLength(
      JOURNEY_INPUT_TOPICS.length,
    );
    expect(sumOf(samples, 'kafka_consumergroup_lag', { consumergroup: group })).toBe(backlog);
    await sleep(1_500);
    expect(lagSum(await scrape())).toBe(backlog);
  });

  it('dates the oldest unprocessed record within one poll interval of when it was published', async () => {
    const scrapedAt = Date.now();
    const samples = await scrape();
    const withLag = samplesOf(samples, 'kafka_consumergroup_lag', { consumergroup: group }).filter(
      (s) => s.value > 0,
    );
    expect(withLag.length).toBeGreaterThan(0);
    for (const { labels } of withLag) {
      const [seconds] = samplesOf(samples, 'kafka_consumergroup_lag_seconds', labels);
      // LAG_POLL_MS is 0.5 s; one more second of slack for the time the scrape and reads take.
      expect(seconds?.value).toBeGreaterThanOrEqual((scrapedAt - publishEnded) / 1000 - 1.5);
      expect(seconds?.value).toBeLessThanOrEqual((Date.now() - publishStarted) / 1000 + 1.5);
    }
  });

  it('shows the same numbers in the lag CLI as in /metrics', async () => {
    const report = await readLagReport(
      new ConsumerLagReader(admin),
      [group],
      fixture.config.KAFKA_TOPIC_PREFIX,
    );
    expect(report.total).toBe(backlog);
    const samples = await scrape();
    for (const p of report.groups[0]?.partitions ?? []) {
      const labels = { consumergroup: group, topic: p.topic, partition: String(p.partition) };
      expect(sumOf(samples, 'kafka_consumergroup_lag', labels)).toBe(p.lag);
    }
    expect(report.groups[0]?.partitions).toHaveLength(
      JOURNEY_INPUT_TOPICS.length * fixture.config.KAFKA_TOPIC_PARTITIONS,
    );
    expect(formatLagTable(report)).toMatch(new RegExp(`^${group}\\s+TOTAL\\s+${backlog}$`, 'm'));
  });

  it('reports readiness as degraded, not failed, while the lag is above the threshold', async () => {
    const { status, body } = await readiness();
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.details['lag']).toMatchObject({
      status: 'up',
      degraded: true,
      total: backlog,
      threshold: 10,
    });
  });

  it('drops to zero once resumed, having processed every event once', async () => {
    running.server.resume();
    const samples = await eventually(scrape, (s) => lagSum(s) === 0, {
      timeoutMs: 60_000,
      what: 'lag sum 0',
    });
    expect(sumOf(samples, 'journey_events_processed_total')).toBe(backlog);
    expect(sumOf(samples, 'journey_batch_size_sum')).toBe(backlog);
    expect(sumOf(samples, 'journey_batch_duration_seconds_count')).toBeGreaterThan(0);
    expect(sumOf(samples, 'journey_redis_script_duration_seconds_count')).toBeGreaterThan(0);
    expect(sumOf(samples, 'journey_derived_events_total')).toBeGreaterThan(0);
    expect(sumOf(samples, 'journey_append_to_derived_seconds_count')).toBeGreaterThan(0);
    expect(sumOf(samples, 'journey_event_to_derived_seconds_count')).toBeGreaterThan(0);
    expect(sumOf(samples, 'kafka_consumergroup_lag_seconds', { consumergroup: group })).toBe(0);
    expect(samplesOf(samples, 'process_cpu_user_seconds_total')).toHaveLength(1);
    const { status, body } = await readiness();
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
  });
});
