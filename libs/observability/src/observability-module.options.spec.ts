import { resolveObservabilityOptions } from './observability-module.options';

describe(resolveObservabilityOptions.name, () => {
  const base = { serviceName: 's', logLevel: 'log' } as const;

  it('takes a service for a Kafka consumer unless told otherwise', () => {
    expect(resolveObservabilityOptions(base).consumer).toBe(true);
    expect(resolveObservabilityOptions({ ...base, consumer: false }).consumer).toBe(false);
  });

  it('refuses a dashboard for a service that consumes nothing: the page is about its lag', () => {
    expect(() => resolveObservabilityOptions({ ...base, consumer: false, dashboard: true })).toThrow(
      'dashboard needs consumer',
    );
  });
});
