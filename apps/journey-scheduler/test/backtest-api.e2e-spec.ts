import {
  BacktestOptions,
  BacktestReport,
  loadOrdersCsv,
  runBacktest,
  syntheticOrdersCsv,
} from '@pipeline/backtest';
import { INBOUND_TOPICS } from '@pipeline/contracts';
import { generateSyntheticCustomers, seededUniform, unitMs } from '@pipeline/journey-domain';
import { createKafkaClient } from '@pipeline/kafka';
import { testInfra, testNamespace } from '@pipeline/testing';
import { INestApplication } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Server } from 'node:http';
import { startJourneyScheduler } from '../src/journey-scheduler.app';
import { loadJourneySchedulerConfig } from '../src/journey-scheduler.config';

const WEEK = unitMs('week');
/** 2024-06-03, a Monday at midnight UTC: model time 0 of the synthetic history. */
const ORIGIN = Date.UTC(2024, 5, 3);

/**
 * The scheduler serves the library's backtest over HTTP: the same report as `runBacktest` on the same
 * topic, its errors as status codes, and the HTML page. How well the backtest recovers a population is
 * libs/backtest's own integration test; here a small synthetic history is enough.
 */
describe('the scheduler backtest API', () => {
  const ns = testNamespace('backtest-api');
  const topic = `${ns.topicPrefix}${INBOUND_TOPICS.conversion}`;
  let kafka: Kafka;
  let app: INestApplication;
  let base: string;
  let options: BacktestOptions;
  let report: BacktestReport;

  beforeAll(async () => {
    const infra = testInfra();
    kafka = createKafkaClient({ brokers: infra.kafkaBrokers, clientId: `backtest-api-${ns.id}` });
    const population = generateSyntheticCustomers({
      customers: 1_000,
      bgNbd: { r: 0.25, alpha: 4, a: 0.8, b: 2.5 },
      gammaGamma: { p: 6, q: 4, v: 15 },
      observationEnd: 78,
      acquisitionWindow: 12,
      random: seededUniform(1),
    });
    const csv = syntheticOrdersCsv(population, {
      origin: ORIGIN,
      timeUnit: 'week',
      currency: 'EUR',
      customerPrefix: 'c-',
    });
    const load = await loadOrdersCsv(kafka, csv, {
      topic,
      defaultCurrency: 'EUR',
      now: Date.now(),
      partitions: 3,
      replicationFactor: 1,
    });
    expect(load.problems).toEqual([]);
    options = {
      topic,
      calibrationEnd: ORIGIN + 39 * WEEK,
      holdoutEnd: ORIGIN + 78 * WEEK,
      timeUnit: 'week',
      currency: 'EUR',
    };
    report = await runBacktest(kafka, options, { topicPrefix: ns.topicPrefix });

    const config = loadJourneySchedulerConfig({
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      KAFKA_TOPIC_PREFIX: ns.topicPrefix,
      REDIS_KEY_PREFIX: ns.redisPrefix,
      KAFKA_CLIENT_ID: `backtest-api-${ns.id}`,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      SCHEDULER_TIMERS_ENABLED: 'false',
    });
    app = await startJourneyScheduler(config);
    const address = (app.getHttpServer() as Server).address();
    if (!address || typeof address === 'string') throw new Error('scheduler is not listening');
    base = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('POST /backtests replays the default conversion topic and returns the same report', async () => {
    const response = await fetch(`${base}/backtests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        calibrationEnd: new Date(options.calibrationEnd).toISOString(),
        holdoutEnd: new Date(options.holdoutEnd).toISOString(),
        timeUnit: 'week',
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as BacktestReport;
    expect(body.source.topic).toBe(topic);
    expect(body.source.records).toBe(report.source.records);
    expect(body.fit).toEqual(report.fit);
    expect(body.conditionalExpectations).toEqual(report.conditionalExpectations);
  });

  it('answers bad options with 400 and a missing topic with 404, naming the problem', async () => {
    const post = (body: unknown) =>
      fetch(`${base}/backtests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { code?: string; message: string },
      }));
    const bad = await post({ calibrationEnd: '2025-01-01', holdoutEnd: '2024-01-01' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'INVALID_OPTIONS' } });
    expect(bad.body.message).toContain('later UTC day');
    const missing = await post({
      calibrationEnd: '2025-01-01',
      holdoutEnd: '2025-06-01',
      topic: `${ns.topicPrefix}nothing`,
    });
    expect(missing).toMatchObject({ status: 404, body: { code: 'TOPIC_NOT_FOUND' } });
  });

  it('GET /backtests/report.html serves the page', async () => {
    const query = new URLSearchParams({
      calibrationEnd: new Date(options.calibrationEnd).toISOString(),
      holdoutEnd: new Date(options.holdoutEnd).toISOString(),
    });
    const response = await fetch(`${base}/backtests/report.html?${query.toString()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<canvas data-chart="tracking"');
  });
});
