import { activityWindowMs, outputSettingsFromEnv } from '@pipeline/app-config';
import { OutputSettings } from '@pipeline/journey-domain';
import { JourneySchedulerConfig, clvRefitMinChangeMinor } from './journey-scheduler.config';

/** What the scheduled jobs need from configuration, resolved once at boot. */
export interface SchedulerSettings {
  readonly redisKeyPrefix: string;
  readonly outputs: OutputSettings;
  /** A customer with no purchase for this long is inactive (population churn rate). */
  readonly activityWindowMs: number;
  readonly refit: {
    readonly intervalMs: number;
    readonly minChangeMinor: number;
    readonly emitPerSecond: number;
    /** Customers read from Redis per round trip while gathering the population. */
    readonly loadChunk: number;
    /** Start population below which the observed churn rate is too noisy to set relationship years. */
    readonly minChurnPopulation: number;
    /** Past fits kept in the model history list. */
    readonly historyLength: number;
  };
  readonly churn: {
    readonly tickMs: number;
    /** Due customers taken per round. */
    readonly batch: number;
    /** Rounds per tick at most, so one tick cannot run for ever behind a flood of due customers. */
    readonly maxRounds: number;
  };
  /** Compare-and-set attempts per customer before it is left for the next run. */
  readonly maxCommitAttempts: number;
  /** How long a job lease lives without renewal; it must outlast the longest synchronous step (the fit). */
  readonly leaseTtlMs: number;
  readonly timersEnabled: boolean;
}

export const SCHEDULER_SETTINGS = Symbol('SCHEDULER_SETTINGS');

export function schedulerSettingsFromConfig(config: JourneySchedulerConfig): SchedulerSettings {
  return {
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    outputs: outputSettingsFromEnv(config),
    activityWindowMs: activityWindowMs(config),
    refit: {
      intervalMs: config.REFIT_INTERVAL_MS,
      minChangeMinor: clvRefitMinChangeMinor(config),
      emitPerSecond: config.REFIT_EMIT_PER_SECOND,
      loadChunk: 1_000,
      minChurnPopulation: 100,
      historyLength: 50,
    },
    churn: { tickMs: config.CHURN_TICK_MS, batch: 500, maxRounds: 20 },
    maxCommitAttempts: 4,
    leaseTtlMs: 120_000,
    timersEnabled: config.SCHEDULER_TIMERS_ENABLED,
  };
}
