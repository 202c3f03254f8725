import { createMetricsRegistry } from '@pipeline/observability';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Histogram } from 'prom-client';
import { CollectorMetrics } from './collector.metrics';

const DASHBOARD = join(__dirname, '..', '..', '..', '..', 'deploy', 'grafana', 'journey-pipeline.json');

interface Panel {
  readonly type: string;
  readonly title: string;
  readonly targets?: ReadonlyArray<{ readonly expr: string }>;
}

describe(CollectorMetrics.name, () => {
  const registry = createMetricsRegistry();
  const metrics = new CollectorMetrics(registry);

  it('counts a request under its key, status and reason', async () => {
    metrics.requestAnswered('shop-1', 413, 'BODY_TOO_LARGE');
    metrics.requestAnswered('shop-1', 413, 'BODY_TOO_LARGE');
    const text = await registry.getSingleMetricAsString('collector_requests_total');
    expect(text).toContain(
      'collector_requests_total{key_id="shop-1",status="413",reason="BODY_TOO_LARGE"} 2',
    );
  });

  it('times a send under its outcome', async () => {
    metrics.startSend()(true);
    const text = await registry.getSingleMetricAsString('collector_kafka_send_duration_seconds');
    expect(text).toContain('collector_kafka_send_duration_seconds_count{outcome="failed"} 1');
  });

  describe('the collector row of deploy/grafana/journey-pipeline.json', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] };
    const names = new Set(registry.getMetricsAsArray().map((m) => m.name));
    const histograms = new Set(
      registry
        .getMetricsAsArray()
        .filter((m) => m instanceof Histogram)
        .map((m) => m.name),
    );
    const exposed = (name: string): boolean =>
      names.has(name) || histograms.has(name.replace(/_(bucket|sum|count)$/, ''));

    it('is there, and queries only metrics the collector exposes', () => {
      expect(dashboard.panels).toContainEqual(expect.objectContaining({ type: 'row', title: 'Collector' }));
      const queried = dashboard.panels.flatMap((panel) =>
        (panel.targets ?? []).flatMap(({ expr }) =>
          [...expr.matchAll(/\bcollector_[a-z0-9_]+\b/g)].map(([n]) => n),
        ),
      );
      expect(queried.length).toBeGreaterThanOrEqual(4);
      expect(queried.filter((name) => !exposed(name))).toEqual([]);
    });
  });
});
