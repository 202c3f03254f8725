import { PipelineEnv, loadEnv, pipelineEnvProblems, toInt } from '@pipeline/app-config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/**
 * Everything the journey processor reads from its environment (the shared pipeline variables plus
 * its own), validated once at boot. No other file reads process.env.
 */
export class JourneyProcessorConfig extends PipelineEnv {
  @IsString()
  KAFKA_CLIENT_ID = 'journey-processor';

  /** Used exactly as given: lag tooling sees this very name. */
  @IsString()
  KAFKA_GROUP_ID = 'journey-processor';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  KAFKA_TOPIC_PARTITIONS = 6;

  /**
   * How many partitions' batches of one fetch are handled together as one unit (one Redis round trip
   * of each kind, one publish, one offset commit for all of them). At least the partitions one
   * instance owns (5 stage topics + identity, times KAFKA_TOPIC_PARTITIONS) to handle a whole fetch
   * at once; lower values split a fetch into several units.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(4096)
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 64;

  /**
   * Most bytes one fetch brings over all partitions: the size of a unit of work while catching up.
   * A bigger unit holds more events of each customer (one load and one write for all of them), but its
   * garbage lives longer: over 1,000,000 events / 100,000 customers, 1 -> 2 -> 4 MiB gave 15.4k ->
   * 16.3k -> 16.9k events/s, Redis CPU 10.3 -> 8.6 -> 7.2 µs per event, peak RSS 410 -> 550 -> 720 MiB
   * (a 10 MiB unit lives long enough to be promoted and collected the expensive way).
   */
  @Transform(toInt)
  @IsInt()
  @Min(65_536)
  @Max(104_857_600)
  KAFKA_FETCH_MAX_BYTES = 2_097_152;

  /** Most bytes one fetch brings from one partition (small values are for tests, not for speed). */
  @Transform(toInt)
  @IsInt()
  @Min(1_024)
  @Max(104_857_600)
  KAFKA_FETCH_MAX_BYTES_PER_PARTITION = 524_288;

  /**
   * Most records one unit of work handles, the oldest by broker timestamp first; the rest of the
   * fetch is fetched again for the next unit. Derived events do not depend on it (a replay with 1
   * gives the same as with the default); smaller units only cost more round trips.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  UNIT_MAX_RECORDS = 100_000;

  /** How long the group waits for a silent member before handing its partitions to others. */
  @Transform(toInt)
  @IsInt()
  @Min(6_000)
  @Max(300_000)
  KAFKA_SESSION_TIMEOUT_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 3000;

  /** Interface the HTTP API listens on; 0.0.0.0 in a container, so Prometheus and probes reach it. */
  @IsString()
  HTTP_HOST = '127.0.0.1';

  /**
   * SHA-256 (hex) of the admin key that `DELETE /customers/:id` requires as `Authorization: Bearer`.
   * Unset: the admin API answers 401 to everyone (use `npm run erase` instead).
   */
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, {
    message: 'ADMIN_API_KEY_SHA256 must be the SHA-256 of the key, 64 hex digits',
  })
  ADMIN_API_KEY_SHA256?: string;

  /** How many recent event ids each customer remembers to recognise producer duplicates. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  DEDUPE_RECENT_EVENTS = 32;

  /** occurredAt may run ahead of the Kafka timestamp by this much; later is dead-lettered. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MAX_FUTURE_SKEW_MS = 5 * 60_000;

  /** How often the processor rereads the fitted CLV models from Redis. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  MODEL_REFRESH_MS = 10_000;

  /** Total consumer lag above which GET /health/ready reports `degraded` (still 200). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  READY_LAG_THRESHOLD = 10_000;

  /** How often the consumer lag is read from Kafka for metrics, readiness and the dashboard. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  LAG_POLL_MS = 5_000;
}

/** Reads and validates the environment; throws one message naming every bad variable. */
export function loadJourneyProcessorConfig(env: NodeJS.ProcessEnv = process.env): JourneyProcessorConfig {
  return loadEnv(JourneyProcessorConfig, env, pipelineEnvProblems);
}
