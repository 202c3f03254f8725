import { INBOUND_TOPICS } from '@pipeline/contracts';
import { createKafkaClient, KafkaPublisher } from '@pipeline/kafka';
import type { Kafka } from 'kafkajs';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { testConnection, uniqueSuffix } from '../../kafka/test/kafka-e2e.fixture';
import {
  BacktestOptions,
  BacktestReport,
  LoadOrdersResult,
  loadOrdersCsv,
  orderEnvelope,
  parseBacktestRequest,
  readChartJsBundle,
  renderBacktestHtml,
  runBacktest,
} from '../src';
import { SYNTHETIC_OPTIONS, TRUTH, syntheticCsv } from './synthetic-backtest.fixture';

const CUSTOMERS = 5_000;
const SEED = 1;
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];

/*
 * Tolerances. Over 30 seeds of this population (5,000 customers, acquired over 12 weeks, 39 weeks of
 * calibration, 39 of holdout, read through the same CSV -> contract -> fold path), the widest
 * deviations from the truth were: r 12%, alpha 21%, a 36%, b 37% (a and b trade off along a ridge;
 * the mean drop-out probability a / (a + b) stayed within 14% and the mean purchase rate r / alpha
 * within 12%); Gamma-Gamma p 22%, q 10%, v 37%, and the mean spend p v / (q - 1) within 3.7%. Bins of
 * 50 or more customers: |mean predicted - mean actual| at most 2.98 standard errors of the mean
 * actual; total predicted within 8.3% of total actual, the unconditional tracking total within 8.1%,
 * repeat buyers' spend within 13.1%. Each bound below is a little wider than the widest seen.
 */
const RELATIVE = { r: 0.2, alpha: 0.3, a: 0.45, b: 0.45, dropOut: 0.2, rate: 0.15 };
const SPEND_RELATIVE = { p: 0.3, q: 0.15, v: 0.45, mean: 0.05 };
const BIN_STANDARD_ERRORS = 3.5;
const TOTAL_RELATIVE = 0.1;
const SPEND_TOTAL_RELATIVE = 0.2;

function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (path): path is string => path !== undefined && path !== '' && existsSync(path),
  );
  if (!found) {
    throw new Error('No Chromium: run `bash scripts/infra/chromium.sh ensure` or set CHROMIUM_PATH');
  }
  return found;
}

const relative = (value: number, truth: number): number => Math.abs(value / truth - 1);

/** The little of the page's globals the browser checks read (the project compiles without the DOM). */
interface PageGlobals {
  readonly document: {
    querySelectorAll(selector: string): ArrayLike<{
      readonly width: number;
      readonly height: number;
      readonly dataset: Readonly<Record<string, string | undefined>>;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
      };
    }>;
  };
  readonly Chart: {
    getChart(canvas: unknown): { data: { datasets: Array<{ data: unknown[] }> } } | undefined;
  };
  readonly backtestReport?: { readonly ready: boolean };
}

describe('CLV backtest replayed from the Kafka log', () => {
  const suffix = uniqueSuffix();
  const prefix = `t-${suffix}.`;
  const topic = `${prefix}${INBOUND_TOPICS.conversion}`;
  const dir = mkdtempSync(join(tmpdir(), 'backtest-e2e-'));
  const csvFile = join(dir, 'orders.csv');
  let kafka: Kafka;
  let options: BacktestOptions;
  let load: LoadOrdersResult;
  let report: BacktestReport;

  beforeAll(async () => {
    kafka = createKafkaClient(testConnection(`backtest-e2e-${suffix}`));
    // Three rows the contract or the loader refuses, after the synthetic history.
    const good = syntheticCsv(CUSTOMERS, SEED);
    const goodLines = good.trimEnd().split('\n').length;
    writeFileSync(
      csvFile,
      `${good}c-bad,2025-01-01,1.999,EUR\nc-bad,2025-13-01,1.00,EUR\nc bad,2025-01-01,1.00,EUR\n`,
    );
    expect(goodLines).toBeGreaterThan(CUSTOMERS);
    load = await loadOrdersCsv(kafka, readFileSync(csvFile, 'utf8'), {
      topic,
      defaultCurrency: 'EUR',
      now: Date.now(),
      partitions: 3,
      replicationFactor: 1,
    });
    // Records the pipeline would dead-letter, mixed into the log.
    const publisher = new KafkaPublisher(kafka);
    await publisher.connect();
    await publisher.publish([
      { topic, key: 'c-x', value: 'not json' },
      {
        topic,
        key: 'someone-else',
        value: JSON.stringify(
          orderEnvelope({ line: 0, customer: 'c-z', date: '2025-01-01', amount: '1.00' }, 'EUR'),
        ),
      },
    ]);
    await publisher.disconnect();
    options = parseBacktestRequest(
      {
        calibrationEnd: new Date(SYNTHETIC_OPTIONS.calibrationEnd).toISOString(),
        holdoutEnd: new Date(SYNTHETIC_OPTIONS.holdoutEnd).toISOString(),
      },
      { topic, currency: 'EUR', now: Date.now() },
    );
    report = await runBacktest(kafka, options, { topicPrefix: prefix });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the CSV as order_placed events, reporting the bad rows by line instead of publishing them', () => {
    const lines = readFileSync(csvFile, 'utf8').trimEnd().split('\n').length;
    expect(load.rows).toBe(lines - 1);
    expect(load.published).toBe(lines - 4);
    expect(load.problems.map((p) => p.line)).toEqual([lines - 2, lines - 1, lines]);
    expect(load.problems[0].message).toContain('amount has 3 decimal places');
  });

  it('replays every record up to the end offsets, counting invalid ones and skipping them', () => {
    expect(report.source.topic).toBe(topic);
    expect(report.source.partitions).toHaveLength(3);
    expect(report.source.records).toBe(load.published + 2);
    expect(report.source.orderEvents.order_placed).toBe(load.published);
    expect(report.source.rejected).toMatchObject({ total: 2, byCode: { NOT_JSON: 1, KEY_MISMATCH: 1 } });
    expect(report.population).toMatchObject({ customers: CUSTOMERS, acquiredInHoldout: 0 });
    expect(report.timeUnit).toBe('week');
  });

  it('recovers the BG/NBD parameters of the simulated population', () => {
    const { params, converged } = report.fit.bgNbd;
    expect(converged).toBe(true);
    const truth = TRUTH.bgNbd;
    expect(relative(params.r, truth.r)).toBeLessThan(RELATIVE.r);
    expect(relative(params.alpha, truth.alpha)).toBeLessThan(RELATIVE.alpha);
    expect(relative(params.a, truth.a)).toBeLessThan(RELATIVE.a);
    expect(relative(params.b, truth.b)).toBeLessThan(RELATIVE.b);
    expect(relative(params.a / (params.a + params.b), truth.a / (truth.a + truth.b))).toBeLessThan(
      RELATIVE.dropOut,
    );
    expect(relative(params.r / params.alpha, truth.r / truth.alpha)).toBeLessThan(RELATIVE.rate);
  });

  it('recovers the Gamma-Gamma parameters (v in cents: spend was drawn in euros)', () => {
    const fit = report.fit.gammaGamma;
    if (!fit.ok) throw new Error(fit.message);
    const { p, q, v } = fit.params;
    const truth = TRUTH.gammaGamma;
    expect(relative(p, truth.p)).toBeLessThan(SPEND_RELATIVE.p);
    expect(relative(q, truth.q)).toBeLessThan(SPEND_RELATIVE.q);
    expect(relative(v / 100, truth.v)).toBeLessThan(SPEND_RELATIVE.v);
    expect(relative((p * v) / (q - 1), (truth.p * truth.v * 100) / (truth.q - 1))).toBeLessThan(
      SPEND_RELATIVE.mean,
    );
  });

  it('predicts the holdout per calibration frequency and in total', () => {
    const bins = report.conditionalExpectations.bins.filter((bin) => bin.customers >= 50);
    expect(bins.length).toBeGreaterThanOrEqual(6);
    for (const bin of bins) {
      const gap = Math.abs((bin.meanPredicted ?? NaN) - (bin.meanActual ?? NaN));
      expect({
        bin: bin.frequency,
        within: gap <= BIN_STANDARD_ERRORS * (bin.actualStandardError ?? 0),
      }).toEqual({
        bin: bin.frequency,
        within: true,
      });
    }
    expect(Math.abs(report.errors.relativeError ?? NaN)).toBeLessThan(TOTAL_RELATIVE);
    const last = report.tracking.periods[report.tracking.periods.length - 1];
    expect(report.tracking.periods).toHaveLength(39);
    expect(last.cumulativeActual).toBe(report.errors.totalActual);
    expect(relative(last.cumulativeExpected, last.cumulativeActual)).toBeLessThan(TOTAL_RELATIVE);
    if (!report.spend.available) throw new Error(report.spend.reason);
    expect(Math.abs(report.spend.relativeError ?? NaN)).toBeLessThan(SPEND_TOTAL_RELATIVE);
  });

  it('fits both models to 5,000 customers within seconds (about 0.2 s measured)', () => {
    expect(report.timings.fitMs.bgNbd + report.timings.fitMs.gammaGamma).toBeLessThan(5_000);
  });

  describe('loading the same file again', () => {
    let again: BacktestReport;

    beforeAll(async () => {
      await loadOrdersCsv(kafka, readFileSync(csvFile, 'utf8'), {
        topic,
        defaultCurrency: 'EUR',
        now: Date.now(),
        partitions: 3,
        replicationFactor: 1,
      });
      again = await runBacktest(kafka, options, { topicPrefix: prefix });
    });

    it('doubles the records and changes nothing else: the event and order ids are deterministic', () => {
      expect(again.source.records).toBe(2 * load.published + 2);
      expect(again.fit).toEqual(report.fit);
      expect(again.conditionalExpectations).toEqual(report.conditionalExpectations);
      expect(again.errors).toEqual(report.errors);
    });

    it('replays from --from-offset on every partition, up to the same end offsets', async () => {
      const ends = again.source.partitions.map((p) => Number(p.to));
      const fromOffset = Math.floor(Math.min(...ends) / 2);
      const tail = await runBacktest(
        kafka,
        { ...options, fromOffset: String(fromOffset) },
        { topicPrefix: prefix },
      );
      expect(tail.source.partitions.map((p) => [p.from, p.to])).toEqual(
        ends.map((end) => [String(fromOffset), String(end)]),
      );
      expect(tail.source.records).toBe(ends.reduce((sum, end) => sum + end - fromOffset, 0));
      expect(tail.source.fromOffset).toBe(String(fromOffset));
    });
  });

  it('renders the HTML report offline in headless Chromium, both charts drawn, no console errors', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderBacktestHtml(report, readChartJsBundle()));
    const userDataDir = mkdtempSync(join(tmpdir(), 'backtest-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:') && !request.url().startsWith('data:'))
          requests.push(request.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction(
        () => (globalThis as unknown as PageGlobals).backtestReport?.ready === true,
        undefined,
        { timeout: 30_000 },
      );
      const charts = await page.evaluate(() => {
        const { document, Chart } = globalThis as unknown as PageGlobals;
        return Array.from(document.querySelectorAll('canvas[data-chart]')).map((canvas) => {
          const values = (Chart.getChart(canvas)?.data.datasets ?? []).flatMap((d) => d.data);
          const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
          return {
            name: canvas.dataset['chart'],
            points: values.filter((v) => typeof v === 'number' && v > 0).length,
            painted,
          };
        });
      });
      expect(charts.map((c) => c.name)).toEqual(['conditional', 'tracking']);
      for (const chart of charts) {
        expect(chart.points).toBeGreaterThan(10);
        expect(chart.painted).toBeGreaterThan(2_000);
      }
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
