import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { toInt, toNumber } from './load-env';

const HOST_PORTS = /^[^,\s]+:\d+(,[^,\s]+:\d+)*$/;

/**
 * The environment every pipeline service shares: where Kafka and Redis are, and how derived outputs
 * (CLV, churn risk, activity) are computed, so the stream and the scheduled jobs agree.
 */
export class PipelineEnv {
  @Matches(HOST_PORTS, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS!: string;

  /** Prepended to every topic name; empty in production, unique per test run. */
  @Matches(/^[A-Za-z0-9._-]*$/)
  KAFKA_TOPIC_PREFIX = '';

  /** SASL mechanism for Kafka; with it, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required. */
  @IsOptional()
  @IsIn(['scram-sha-256', 'scram-sha-512', 'plain'])
  KAFKA_SASL_MECHANISM?: 'scram-sha-256' | 'scram-sha-512' | 'plain';

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** TLS to the brokers. */
  @IsOptional()
  @IsIn(['true', 'false'])
  KAFKA_TLS?: 'true' | 'false';

  /** PEM file of the CA that signed the brokers' certificates (default: the system's CAs). */
  @IsOptional()
  @IsString()
  KAFKA_TLS_CA_FILE?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** Comma-separated host:port seeds of a Redis Cluster; wins over REDIS_URL when set. */
  @IsOptional()
  @Matches(HOST_PORTS)
  REDIS_CLUSTER_NODES?: string;

  @Matches(/^[A-Za-z0-9:._-]*$/)
  REDIS_KEY_PREFIX = 'cjp:';

  /** Redis ACL user and password (AUTH); credentials in REDIS_URL work too and win. */
  @IsOptional()
  @IsString()
  REDIS_USERNAME?: string;

  @IsOptional()
  @IsString()
  REDIS_PASSWORD?: string;

  /** TLS to Redis (implied by a rediss:// URL). */
  @IsOptional()
  @IsIn(['true', 'false'])
  REDIS_TLS?: 'true' | 'false';

  /** PEM file of the CA that signed the Redis servers' certificates (default: the system's CAs). */
  @IsOptional()
  @IsString()
  REDIS_TLS_CA_FILE?: string;

  /** Currency the CLV models work in; orders in other currencies are kept but not valued. */
  @Matches(/^[A-Z]{3}$/)
  PIPELINE_CURRENCY = 'EUR';

  /** Relationship length the simple CLV assumes until a refit observed the population churn rate. */
  @Transform(toNumber)
  @IsNumber()
  @Min(0.1)
  @Max(50)
  CLV_RELATIONSHIP_YEARS = 3;

  /** Shortest tenure the simple CLV annualises revenue over, in years. */
  @Transform(toNumber)
  @IsNumber()
  @Min(0.01)
  @Max(10)
  CLV_MIN_TENURE_YEARS = 1;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  CLV_HORIZON_MONTHS = 12;

  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  CLV_ANNUAL_DISCOUNT_RATE = 0.1;

  /** Acquisition cost assumed for customers with no attributed awareness cost, e.g. "25.00 EUR". */
  @IsOptional()
  @Matches(/^\d+(\.\d+)? [A-Z]{3}$/, { message: 'DEFAULT_ACQUISITION_COST must look like "25.00 EUR"' })
  DEFAULT_ACQUISITION_COST?: string;

  /** Churn score from which a customer is medium risk. */
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  CHURN_MEDIUM_SCORE = 0.4;

  /** Churn score from which a customer is high risk. */
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  CHURN_HIGH_SCORE = 0.7;

  /** A customer with no purchase (KPIs) or no event (churn) for longer than this is inactive. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  ACTIVITY_WINDOW_DAYS = 365;

  /** Typical purchase interval assumed for one-time buyers when judging how overdue they are. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  CHURN_DEFAULT_PURCHASE_INTERVAL_DAYS = 90;

  @IsString()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

/** Checks across variables; messages name variables, never their values (they may be secrets). */
export function pipelineEnvProblems(env: PipelineEnv): string[] {
  const problems: string[] = [];
  if (!env.REDIS_URL && !env.REDIS_CLUSTER_NODES)
    problems.push('REDIS_URL or REDIS_CLUSTER_NODES must be set');
  if (env.KAFKA_SASL_MECHANISM && !(env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM');
  }
  if (!env.KAFKA_SASL_MECHANISM && (env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_MECHANISM must be set when Kafka credentials are given');
  }
  return problems;
}
