import { ALL_INBOUND_TOPICS, INBOUND_TOPICS, topicMessage } from '@pipeline/contracts';
import { JourneySimulator } from '@pipeline/journey-simulator';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { eventually } from '../../../libs/observability/test/eventually';
import { RunningProcessor } from '../src/journey-processor.app';
import { ProcessorFixture } from './processor-fixture';

const SCREENSHOT = join(__dirname, '..', '..', '..', 'docs', 'dashboard.png');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DAY = 86_400_000;

/** Debian's chromium (or CHROMIUM_PATH); the test fails, never skips, without one. */
function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find(
    (path): path is string => path !== undefined && path !== '' && existsSync(path),
  );
  if (!found) {
    throw new Error(
      "No Chromium for the dashboard test: run `bash scripts/infra/chromium.sh ensure` (installs Debian's chromium) or set CHROMIUM_PATH",
    );
  }
  return found;
}

/** The little of the page's globals the checks use: the project compiles without the DOM library. */
interface CanvasLike {
  readonly width: number;
  readonly height: number;
  readonly id: string;
  readonly dataset: Readonly<Record<string, string | undefined>>;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
}
interface ChartLike {
  readonly data: { labels?: unknown[]; datasets: Array<{ data: unknown[] }> };
}
interface PageGlobals {
  readonly document: { querySelectorAll(selector: string): ArrayLike<CanvasLike> };
  readonly Chart: { getChart(canvas: CanvasLike): ChartLike | undefined };
  readonly dashboard?: { ready: { ops: boolean; kpis: boolean } };
}

/** Per chart: how many data points it draws and how many of its canvas pixels are painted. */
interface ChartReport {
  readonly name: string;
  readonly points: number;
  readonly nonZero: number;
  readonly paintedPixels: number;
}

describe('ops dashboard in a real browser', () => {
  const fixture = new ProcessorFixture('dashboard', { LAG_POLL_MS: '500' });
  // Journeys that start within the last 25 days, so the 30-day KPIs on the page have customers, cut
  // at now: the storefront has not sent what has not happened yet.
  const stream = new JourneySimulator({
    customers: 400,
    seed: 31,
    startMs: Date.now() - 25 * DAY,
    spanDays: 20,
    customerPrefix: 'dash-',
  })
    .generate()
    .filter((e) => Date.parse(e.envelope.occurredAt) <= Date.now());
  const [sample] = stream;
  let running: RunningProcessor;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const executablePath = chromiumPath();
    running = await fixture.start();
    // A backlog first, so the lag and throughput charts show it building and draining.
    await eventually(
      () => fetch(fixture.url('/health/ready')),
      (r) => r.status === 200,
      { what: 'readiness' },
    );
    running.server.pause();
    await fixture.kafka.publishRaw([
      ...stream.map((e) => topicMessage(e.topic, e.key, e.envelope)),
      { topic: INBOUND_TOPICS.awareness, key: 'dash-x', value: 'not json' },
      { topic: INBOUND_TOPICS.awareness, key: 'dash-y', value: '{"broken": ' },
      topicMessage(sample.topic, 'someone-else', sample.envelope),
      {
        topic: INBOUND_TOPICS.retention,
        key: 'dash-z',
        value: JSON.stringify({ ...sample.envelope, customerId: 'dash-z', type: 'teleported' }),
      },
    ]);
    await sleep(3_000);
    running.server.resume();
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    await sleep(2_000); // a few more lag reads at zero, for the history

    userDataDir = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1440, height: 1000 },
      deviceScaleFactor: 1,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
    await page.goto(fixture.url('/dashboard'), { waitUntil: 'load' });
    await page.waitForFunction(
      () => {
        const { dashboard } = globalThis as unknown as PageGlobals;
        return dashboard?.ready.ops === true && dashboard.ready.kpis === true;
      },
      undefined,
      { timeout: 30_000 },
    );
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await fixture.dispose();
  });

  it('draws every chart with data after a demo stream', async () => {
    const charts = await page.evaluate((): ChartReport[] => {
      const { document, Chart } = globalThis as unknown as PageGlobals;
      return Array.from(document.querySelectorAll('canvas[data-chart]')).map((canvas) => {
        const values = (Chart.getChart(canvas)?.data.datasets ?? []).flatMap((d) =>
          d.data.map((v) => (typeof v === 'number' ? v : ((v as { y?: number }).y ?? 0))),
        );
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
        return {
          name: canvas.dataset['chart'] ?? canvas.id,
          points: values.length,
          nonZero: values.filter((v) => v !== 0).length,
          paintedPixels: painted,
        };
      });
    });
    expect(charts.map((c) => c.name).sort()).toEqual(
      ['churn', 'clv', 'clv-segments', 'dead-letters', 'funnel', 'lag', 'throughput'].sort(),
    );
    for (const chart of charts) {
      expect({ chart: chart.name, hasPoints: chart.points > 0, hasValues: chart.nonZero > 0 }).toEqual({
        chart: chart.name,
        hasPoints: true,
        hasValues: true,
      });
      expect(chart.paintedPixels).toBeGreaterThan(500);
    }
  });

  it('shows the dead-letter reasons and the consumer it watches', async () => {
    const labels = await page.evaluate(() => {
      const { document, Chart } = globalThis as unknown as PageGlobals;
      const [canvas] = Array.from(document.querySelectorAll('canvas[data-chart="dead-letters"]'));
      return (canvas ? (Chart.getChart(canvas)?.data.labels ?? []) : []).map(String);
    });
    expect(labels).toEqual(expect.arrayContaining(['NOT_JSON', 'KEY_MISMATCH', 'UNKNOWN_EVENT_TYPE']));
    expect(await page.textContent('#tile-group')).toBe(fixture.config.KAFKA_GROUP_ID);
    expect(await page.textContent('#tile-state')).toBe('joined');
  });

  it('logs no console errors, and leaves a screenshot for the README', async () => {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
