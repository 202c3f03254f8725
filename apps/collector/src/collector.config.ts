import { PipelineEnv, loadEnv, pipelineEnvProblems, toInt } from '@pipeline/app-config';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { parseApiKeyGrants, type ApiKeyGrant } from './api-keys/api-key-grant';

/**
 * Everything the collector reads from its environment (the shared Kafka variables plus its own),
 * validated once at boot. No other file reads process.env.
 */
export class CollectorConfig extends PipelineEnv {
  @IsString()
  KAFKA_CLIENT_ID = 'collector';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 3002;

  /** Browsers reach the collector directly, so it listens on every interface by default. */
  @IsString()
  HTTP_HOST = '0.0.0.0';

  /** JSON array of `{ id, sha256, eventTypes, corsOrigins, ratePerMinute }` (see the README). */
  @IsString({ message: 'COLLECTOR_API_KEYS must be set: a JSON array of API keys' })
  COLLECTOR_API_KEYS!: string;

  /** Larger request bodies are answered 413 (default 1 MiB). */
  @Transform(toInt)
  @IsInt()
  @Min(1_024)
  @Max(64 * 1024 * 1024)
  COLLECTOR_MAX_BODY_BYTES = 1024 * 1024;

  /** Events one POST /v1/batch may carry (default 500). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  COLLECTOR_MAX_BATCH_EVENTS = 500;

  /** How long the Kafka producer waits to fill a batch across requests (default 5 ms). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000)
  COLLECTOR_LINGER_MS = 5;

  /** Events held at most on their way to Kafka; beyond, requests wait, then get 503 (default 10000). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  COLLECTOR_MAX_BUFFERED_EVENTS = 10_000;

  /** The parsed COLLECTOR_API_KEYS (not an environment variable). */
  apiKeys: readonly ApiKeyGrant[] = [];
}

/** Reads and validates the environment; throws one message naming every bad variable. */
export function loadCollectorConfig(env: NodeJS.ProcessEnv = process.env): CollectorConfig {
  let apiKeys: readonly ApiKeyGrant[] = [];
  const config = loadEnv(CollectorConfig, env, (loaded) => {
    // The shared checks include the Kafka credential rules; the collector itself never talks to Redis.
    const problems = pipelineEnvProblems(loaded).filter((problem) => !problem.startsWith('REDIS_'));
    if (typeof loaded.COLLECTOR_API_KEYS !== 'string') return problems;
    const parsed = parseApiKeyGrants(loaded.COLLECTOR_API_KEYS);
    if (parsed.ok) apiKeys = parsed.grants;
    else problems.push(...parsed.problems.map(apiKeysProblem));
    return problems;
  });
  config.apiKeys = apiKeys;
  return config;
}

function apiKeysProblem(problem: string): string {
  // "[0].sha256: ..." reads as COLLECTOR_API_KEYS[0].sha256; "is not JSON" needs a space.
  return problem.startsWith('[') ? `COLLECTOR_API_KEYS${problem}` : `COLLECTOR_API_KEYS ${problem}`;
}
