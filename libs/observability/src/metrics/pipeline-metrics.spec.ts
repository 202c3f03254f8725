import { Registry } from 'prom-client';
import { PipelineMetrics } from './pipeline-metrics';

/** A sample's value summed over matching labels; `x_sum` / `x_count` read histogram `x`. */
async function value(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric =
    registry.getSingleMetric(name) ?? registry.getSingleMetric(name.replace(/_(sum|count)$/, ''));
  const values = (await metric?.get())?.values ?? [];
  return values
    .filter((v) => ((v as { metricName?: string }).metricName ?? name) === name)
    .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

describe(PipelineMetrics.name, () => {
  let registry: Registry;
  let metrics: PipelineMetrics;

  beforeEach(() => {
    registry = new Registry();
    metrics = new PipelineMetrics(registry);
  });

  it('counts a batch and its dead letters only once it completes', async () => {
    const measurement = metrics.batchStarted('journey.awareness.v1', 5);
    expect(await value(registry, 'journey_events_processed_total')).toBe(0);
    measurement.completed(['NOT_JSON', 'NOT_JSON', 'KEY_MISMATCH']);
    expect(await value(registry, 'journey_events_processed_total', { topic: 'journey.awareness.v1' })).toBe(
      5,
    );
    expect(await value(registry, 'journey_events_dead_lettered_total', { reason: 'NOT_JSON' })).toBe(2);
    expect(await value(registry, 'journey_batch_size_sum')).toBe(5);
    expect(await value(registry, 'journey_batch_duration_seconds_count')).toBe(1);
    expect(await metrics.totals()).toEqual({
      processed: { 'journey.awareness.v1': 5 },
      deadLettered: [
        { topic: 'journey.awareness.v1', reason: 'NOT_JSON', count: 2 },
        { topic: 'journey.awareness.v1', reason: 'KEY_MISMATCH', count: 1 },
      ],
      derived: {},
    });
  });

  it('counts failed attempts by error class, apart from the completed batches', async () => {
    class RedisBatchTimeoutError extends Error {
      override name = 'RedisBatchTimeoutError';
    }
    metrics.batchStarted('journey.retention.v1', 4).failed(new RedisBatchTimeoutError('after 10000 ms'));
    metrics.batchStarted('journey.retention.v1', 4).failed(new RedisBatchTimeoutError('after 10000 ms'));
    metrics.batchStarted('journey.retention.v1', 4).failed('not an error object');
    metrics.batchStarted('journey.retention.v1', 4).completed([]);
    const failures = (labels: Record<string, string>) =>
      value(registry, 'journey_batch_failures_total', { topic: 'journey.retention.v1', ...labels });
    expect(await failures({ error: 'RedisBatchTimeoutError' })).toBe(2);
    expect(await failures({ error: 'unknown' })).toBe(1);
    expect(await value(registry, 'journey_events_processed_total')).toBe(4);
  });

  it('counts a failed attempt for every batch of a unit whose work throws, and passes the error on', async () => {
    const unit = [
      metrics.batchStarted('journey.awareness.v1', 2),
      metrics.batchStarted('journey.conversion.v1', 3),
    ];
    const failure = new TypeError('unreadable');
    await expect(metrics.countingFailures(unit, () => Promise.reject(failure))).rejects.toBe(failure);
    await expect(metrics.countingFailures(unit, () => Promise.resolve('done'))).resolves.toBe('done');
    expect(await value(registry, 'journey_batch_failures_total', { error: 'TypeError' })).toBe(2);
    expect(await value(registry, 'journey_batch_failures_total', { topic: 'journey.conversion.v1' })).toBe(1);
  });

  it('times a Redis commit whether it succeeds or fails', async () => {
    await expect(metrics.timeRedisCommit(() => Promise.resolve(7))).resolves.toBe(7);
    await expect(metrics.timeRedisCommit(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await value(registry, 'journey_redis_script_duration_seconds_count')).toBe(2);
  });

  it('measures derived events from their cause occurredAt and from its Kafka append time', async () => {
    metrics.derivedPublished(
      [
        { topic: 'customer.clv.v1', causedBy: { occurredAt: 40_000, appendedAt: 58_000 } },
        { topic: 'customer.churn-risk.v1', causedBy: { occurredAt: 40_000, appendedAt: Number.NaN } },
        { topic: 'customer.stage-changed.v1' },
      ],
      60_000,
    );
    expect(await value(registry, 'journey_derived_events_total')).toBe(3);
    expect(await value(registry, 'journey_event_to_derived_seconds_sum')).toBe(40);
    expect(await value(registry, 'journey_append_to_derived_seconds_sum')).toBe(2);
    expect(await value(registry, 'journey_append_to_derived_seconds_count')).toBe(1);
  });
});
