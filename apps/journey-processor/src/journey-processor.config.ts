import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Everything the journey processor reads from its environment, validated once at boot. No other
 * file reads process.env.
 */
export class JourneyProcessorConfig {
  /** Comma-separated host:port list. */
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS!: string;

  @IsString()
  KAFKA_CLIENT_ID = 'journey-processor';

  /** Used exactly as given: lag tooling sees this very name. */
  @IsString()
  KAFKA_GROUP_ID = 'journey-processor';

  /** Prepended to every topic name; empty in production, unique per test run. */
  @Matches(/^[A-Za-z0-9._-]*$/)
  KAFKA_TOPIC_PREFIX = '';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  KAFKA_TOPIC_PARTITIONS = 6;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 3;

  /** How long the group waits for a silent member before handing its partitions to others. */
  @Transform(toInt)
  @IsInt()
  @Min(6_000)
  @Max(300_000)
  KAFKA_SESSION_TIMEOUT_MS = 30_000;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** Comma-separated host:port seeds of a Redis Cluster; wins over REDIS_URL when set. */
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/)
  REDIS_CLUSTER_NODES?: string;

  @Matches(/^[A-Za-z0-9:._-]*$/)
  REDIS_KEY_PREFIX = 'cjp:';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 3000;

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

  /** Acquisition cost assumed for customers with no attributed awareness cost, e.g. "25.00 EUR". */
  @IsOptional()
  @Matches(/^\d+(\.\d+)? [A-Z]{3}$/, { message: 'DEFAULT_ACQUISITION_COST must look like "25.00 EUR"' })
  DEFAULT_ACQUISITION_COST?: string;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

/** Reads and validates the environment; throws one message naming every bad variable. */
export function loadJourneyProcessorConfig(env: NodeJS.ProcessEnv = process.env): JourneyProcessorConfig {
  const known = Object.keys(new JourneyProcessorConfig()).concat([
    'KAFKA_BROKERS',
    'REDIS_URL',
    'REDIS_CLUSTER_NODES',
    'DEFAULT_ACQUISITION_COST',
  ]);
  const given = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''),
  );
  const config = plainToInstance(JourneyProcessorConfig, given);
  const errors = validateSync(config, { whitelist: true });
  const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (!config.REDIS_URL && !config.REDIS_CLUSTER_NODES)
    lines.push('REDIS_URL or REDIS_CLUSTER_NODES must be set');
  if (lines.length > 0) throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  return config;
}
