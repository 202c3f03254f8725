import { composeService } from '@pipeline/testing/compose-service';
import { clvRefitMinChangeMinor, loadJourneySchedulerConfig } from './journey-scheduler.config';

describe(loadJourneySchedulerConfig.name, () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:19092', REDIS_URL: 'redis://127.0.0.1:6379' };

  it('fills in documented defaults', () => {
    expect(loadJourneySchedulerConfig(base)).toMatchObject({
      KAFKA_CLIENT_ID: 'journey-scheduler',
      HTTP_PORT: 3001,
      REFIT_INTERVAL_MS: 6 * 3_600_000,
      CHURN_TICK_MS: 60_000,
      CLV_REFIT_MIN_CHANGE: '1.00',
      REFIT_EMIT_PER_SECOND: 2_000,
      SCHEDULER_TIMERS_ENABLED: true,
      REDIS_KEY_PREFIX: 'cjp:',
    });
  });

  it('reads the timer switch and numbers from their text', () => {
    const config = loadJourneySchedulerConfig({
      ...base,
      SCHEDULER_TIMERS_ENABLED: 'false',
      CHURN_TICK_MS: '5000',
    });
    expect(config.SCHEDULER_TIMERS_ENABLED).toBe(false);
    expect(config.CHURN_TICK_MS).toBe(5_000);
  });

  it('turns the minimum CLV change into minor units of the pipeline currency', () => {
    expect(clvRefitMinChangeMinor(loadJourneySchedulerConfig(base))).toBe(100);
    const yen = loadJourneySchedulerConfig({
      ...base,
      PIPELINE_CURRENCY: 'JPY',
      CLV_REFIT_MIN_CHANGE: '150',
    });
    expect(clvRefitMinChangeMinor(yen)).toBe(150);
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadJourneySchedulerConfig({
        KAFKA_BROKERS: 'nope',
        SCHEDULER_TIMERS_ENABLED: 'maybe',
        CLV_REFIT_MIN_CHANGE: '0.001',
        REFIT_EMIT_PER_SECOND: '0',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of [
      'KAFKA_BROKERS',
      'SCHEDULER_TIMERS_ENABLED',
      'CLV_REFIT_MIN_CHANGE has 3 decimal places',
      'REFIT_EMIT_PER_SECOND',
      'REDIS_URL or REDIS_CLUSTER_NODES',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('listens on 127.0.0.1 unless HTTP_HOST says otherwise', () => {
    expect(loadJourneySchedulerConfig(base).HTTP_HOST).toBe('127.0.0.1');
    expect(loadJourneySchedulerConfig({ ...base, HTTP_HOST: '0.0.0.0' }).HTTP_HOST).toBe('0.0.0.0');
  });

  it('accepts what docker-compose.yml gives its journey-scheduler service, listening for the published port', () => {
    const service = composeService('journey-scheduler');
    expect(service.app).toBe('journey-scheduler');
    expect(loadJourneySchedulerConfig(service.environment)).toMatchObject({
      HTTP_HOST: '0.0.0.0',
      HTTP_PORT: 3001,
    });
  });
});
