import { composeService } from '@pipeline/testing/compose-service';
import { loadJourneyProcessorConfig } from './journey-processor.config';

describe(loadJourneyProcessorConfig.name, () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:19092', REDIS_URL: 'redis://127.0.0.1:6379' };

  it('fills in documented defaults', () => {
    const config = loadJourneyProcessorConfig(base);
    expect(config).toMatchObject({
      KAFKA_GROUP_ID: 'journey-processor',
      KAFKA_TOPIC_PREFIX: '',
      HTTP_PORT: 3000,
      DEDUPE_RECENT_EVENTS: 32,
      KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: 64,
      KAFKA_FETCH_MAX_BYTES: 2_097_152,
      KAFKA_FETCH_MAX_BYTES_PER_PARTITION: 524_288,
    });
  });

  it('refuses a fetch size too small to hold one event', () => {
    expect(() => loadJourneyProcessorConfig({ ...base, KAFKA_FETCH_MAX_BYTES: '1024' })).toThrow(
      /KAFKA_FETCH_MAX_BYTES/,
    );
  });

  it('turns numeric strings into numbers', () => {
    expect(loadJourneyProcessorConfig({ ...base, HTTP_PORT: '8080' }).HTTP_PORT).toBe(8080);
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadJourneyProcessorConfig({ KAFKA_BROKERS: 'nope', HTTP_PORT: 'x', CHURN_HIGH_SCORE: '2' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of [
      'KAFKA_BROKERS',
      'HTTP_PORT',
      'CHURN_HIGH_SCORE',
      'REDIS_URL or REDIS_CLUSTER_NODES',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('accepts what docker-compose.yml gives its journey-processor service, listening for the published port', () => {
    const service = composeService('journey-processor');
    expect(service.app).toBe('journey-processor');
    expect(loadJourneyProcessorConfig(service.environment)).toMatchObject({
      HTTP_HOST: '0.0.0.0',
      HTTP_PORT: 3000,
    });
  });
});
