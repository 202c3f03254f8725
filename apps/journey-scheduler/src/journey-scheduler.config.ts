import { PipelineEnv, loadEnv, pipelineEnvProblems, toInt } from '@pipeline/app-config';
import { toMinorUnits } from '@pipeline/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';

const HOUR_MS = 3_600_000;

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return value;
};

/**
 * Everything the journey scheduler reads from its environment (the shared pipeline variables plus
 * its own), validated once at boot. No other file reads process.env.
 */
export class JourneySchedulerConfig extends PipelineEnv {
  @IsString()
  KAFKA_CLIENT_ID = 'journey-scheduler';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 3001;

  /** Interface the job endpoints listen on; 0.0.0.0 in a container, so the published port reaches them. */
  @IsString()
  HTTP_HOST = '127.0.0.1';

  /** How often the CLV models are refitted on the whole buyer population. */
  @Transform(toInt)
  @IsInt()
  @Min(60_000)
  REFIT_INTERVAL_MS = 6 * HOUR_MS;

  /** How often customers whose churn risk may have changed by time alone are re-scored. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  CHURN_TICK_MS = 60_000;

  /**
   * After a refit, a customer's CLV is re-emitted only when a value moved by more than this, in the
   * pipeline currency's major units ("1.00"), so a refit does not flood downstream with tiny moves.
   */
  @Matches(/^(0|[1-9]\d*)(\.\d+)?$/, { message: 'CLV_REFIT_MIN_CHANGE must be a decimal like "1.00"' })
  CLV_REFIT_MIN_CHANGE = '1.00';

  /** At most this many customers a second are re-valued and re-emitted after a refit. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  REFIT_EMIT_PER_SECOND = 2_000;

  /** Off in tests, which call the job endpoints instead. */
  @Transform(toBoolean)
  @IsBoolean()
  SCHEDULER_TIMERS_ENABLED = true;
}

/** The refit's minimum CLV change in minor units of the pipeline currency. */
export function clvRefitMinChangeMinor(config: JourneySchedulerConfig): number {
  const result = toMinorUnits(config.CLV_REFIT_MIN_CHANGE, config.PIPELINE_CURRENCY);
  if (!result.ok) throw new Error(`CLV_REFIT_MIN_CHANGE ${result.message}`);
  return result.minor;
}

function schedulerProblems(config: JourneySchedulerConfig): string[] {
  const problems = pipelineEnvProblems(config);
  const minChange = toMinorUnits(config.CLV_REFIT_MIN_CHANGE, config.PIPELINE_CURRENCY);
  if (!minChange.ok) problems.push(`CLV_REFIT_MIN_CHANGE ${minChange.message}`);
  return problems;
}

/** Reads and validates the environment; throws one message naming every bad variable. */
export function loadJourneySchedulerConfig(env: NodeJS.ProcessEnv = process.env): JourneySchedulerConfig {
  return loadEnv(JourneySchedulerConfig, env, schedulerProblems);
}
