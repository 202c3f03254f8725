import { composeService } from '@pipeline/testing/compose-service';
import { loadCollectorConfig } from './collector.config';

const KEYS = JSON.stringify([
  { id: 'shop-eu', sha256: 'c'.repeat(64), eventTypes: ['*'], corsOrigins: [], ratePerMinute: 600 },
]);

function problemsOf(env: Record<string, string>): string {
  try {
    loadCollectorConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe(loadCollectorConfig.name, () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:19092', COLLECTOR_API_KEYS: KEYS };

  it('fills in documented defaults and needs no Redis', () => {
    const config = loadCollectorConfig(base);
    expect(config).toMatchObject({
      HTTP_PORT: 3002,
      HTTP_HOST: '0.0.0.0',
      KAFKA_CLIENT_ID: 'collector',
      COLLECTOR_MAX_BODY_BYTES: 1_048_576,
      COLLECTOR_MAX_BATCH_EVENTS: 500,
    });
    expect(config.apiKeys.map((k) => k.id)).toEqual(['shop-eu']);
  });

  it('requires the API keys', () => {
    expect(problemsOf({ KAFKA_BROKERS: '127.0.0.1:19092' })).toContain('COLLECTOR_API_KEYS must be set');
  });

  it('names the bad key entry and field', () => {
    const keys = JSON.stringify([{ id: 'shop-eu', sha256: 'nope', eventTypes: ['*'], ratePerMinute: 1 }]);
    expect(problemsOf({ ...base, COLLECTOR_API_KEYS: keys })).toContain('COLLECTOR_API_KEYS[0].sha256');
  });

  it('names every bad variable at once', () => {
    const message = problemsOf({
      KAFKA_BROKERS: 'nope',
      COLLECTOR_API_KEYS: KEYS,
      COLLECTOR_MAX_BODY_BYTES: '12',
    });
    expect(message).toContain('KAFKA_BROKERS');
    expect(message).toContain('COLLECTOR_MAX_BODY_BYTES');
  });

  it('accepts what docker-compose.yml gives its collector service once the keys are in the environment', () => {
    const service = composeService('collector', { COLLECTOR_API_KEYS: KEYS });
    expect(service.app).toBe('collector');
    expect(loadCollectorConfig(service.environment).apiKeys.map((k) => k.id)).toEqual(['shop-eu']);
    // Without them the collector stops at boot and names the variable.
    expect(problemsOf(composeService('collector').environment)).toMatch(/COLLECTOR_API_KEYS/);
  });
});
