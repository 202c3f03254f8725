import { Registry, collectDefaultMetrics } from 'prom-client';

/** Injection token of the app's own prom-client `Registry` (never the global one). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** A registry with prom-client's default process and Node.js metrics (CPU, memory, event loop, GC). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
