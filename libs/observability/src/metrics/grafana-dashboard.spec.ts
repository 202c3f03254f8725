import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Histogram } from 'prom-client';
import { ConsumerLagMetrics } from '../lag/consumer-lag.metrics';
import type { ConsumerLagMonitor } from '../lag/consumer-lag.monitor';
import { createMetricsRegistry } from './metrics-registry';
import { PipelineMetrics } from './pipeline-metrics';

interface Panel {
  readonly id: number;
  readonly title: string;
  /** Absent on a row. */
  readonly targets?: ReadonlyArray<{ readonly expr: string }>;
}

const DASHBOARD = join(__dirname, '..', '..', '..', '..', 'deploy', 'grafana', 'journey-pipeline.json');

describe('deploy/grafana/journey-pipeline.json', () => {
  const registry = createMetricsRegistry();
  new PipelineMetrics(registry);
  new ConsumerLagMetrics(registry, {} as ConsumerLagMonitor).onModuleInit();
  const metrics = registry.getMetricsAsArray();
  const names = new Set(metrics.map((m) => m.name));
  const histograms = new Set(metrics.filter((m) => m instanceof Histogram).map((m) => m.name));
  const exposed = (name: string): boolean => {
    if (names.has(name)) return true;
    const base = name.replace(/_(bucket|sum|count)$/, '');
    return base !== name && histograms.has(base);
  };
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] };

  it('queries only metrics the services expose', () => {
    const unknown = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).flatMap(({ expr }) =>
        [...expr.matchAll(/\b(?:kafka|journey|process|nodejs)_[a-z0-9_]+\b/g)]
          .map(([name]) => name)
          .filter((name) => !exposed(name))
          .map((name) => `${panel.title}: ${name}`),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it('has the panels ops asked for, each with a unique id', () => {
    const titles = dashboard.panels.map((p) => p.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Consumer lag by partition',
        'Consumer lag sum by topic',
        'Throughput',
        'Dead letters by reason',
        'Batch duration p95',
        'End-to-end latency p95',
      ]),
    );
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });
});
