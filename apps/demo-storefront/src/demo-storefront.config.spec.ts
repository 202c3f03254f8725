import { loadDemoStorefrontConfig } from './demo-storefront.config';

describe(loadDemoStorefrontConfig.name, () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:9092' };

  it('ends the demo history today by default, and on the day given to replay one', () => {
    expect(loadDemoStorefrontConfig(base).DEMO_END_DATE).toBe(new Date().toISOString().slice(0, 10));
    expect(loadDemoStorefrontConfig({ ...base, DEMO_END_DATE: '2026-06-30' }).DEMO_END_DATE).toBe(
      '2026-06-30',
    );
  });

  it('refuses an end date that is not a date, naming the variable', () => {
    expect(() => loadDemoStorefrontConfig({ ...base, DEMO_END_DATE: 'yesterday' })).toThrow(/DEMO_END_DATE/);
  });
});
