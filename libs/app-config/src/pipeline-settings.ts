import { Money, toMinorUnits } from '@pipeline/contracts';
import {
  DEFAULT_CHURN_THRESHOLDS,
  MEAN_YEAR_MS,
  OutputSettings,
  churnThresholdProblems,
} from '@pipeline/journey-domain';
import { KafkaConnectionOptions } from '@pipeline/kafka';
import { RedisClientOptions } from '@pipeline/redis-store';
import { readFileSync } from 'node:fs';
import { PipelineEnv } from './pipeline.env';

const DAY_MS = 86_400_000;

function parseMoney(text: string): Money {
  const [amount = '', currency = ''] = text.split(' ');
  const result = toMinorUnits(amount, currency);
  if (!result.ok) throw new Error(`DEFAULT_ACQUISITION_COST amount ${result.message}`);
  return { minor: result.minor, currency };
}

/** How CLV and churn risk are computed, from the shared environment; throws on unusable thresholds. */
export function outputSettingsFromEnv(env: PipelineEnv): OutputSettings {
  const churnThresholds = {
    ...DEFAULT_CHURN_THRESHOLDS,
    bands: { medium: env.CHURN_MEDIUM_SCORE, high: env.CHURN_HIGH_SCORE },
    overdue: {
      ...DEFAULT_CHURN_THRESHOLDS.overdue,
      defaultIntervalMs: env.CHURN_DEFAULT_PURCHASE_INTERVAL_DAYS * DAY_MS,
    },
    inactive: { ...DEFAULT_CHURN_THRESHOLDS.inactive, windowMs: env.ACTIVITY_WINDOW_DAYS * DAY_MS },
  };
  const problems = churnThresholdProblems(churnThresholds);
  if (problems.length > 0) throw new Error(`invalid churn thresholds:\n  ${problems.join('\n  ')}`);
  return {
    currency: env.PIPELINE_CURRENCY,
    relationshipYears: env.CLV_RELATIONSHIP_YEARS,
    minTenureMs: env.CLV_MIN_TENURE_YEARS * MEAN_YEAR_MS,
    horizonMonths: env.CLV_HORIZON_MONTHS,
    annualDiscountRate: env.CLV_ANNUAL_DISCOUNT_RATE,
    churnThresholds,
    ...(env.DEFAULT_ACQUISITION_COST && { defaultAcquisitionCost: parseMoney(env.DEFAULT_ACQUISITION_COST) }),
  };
}

export function redisClientOptionsFromEnv(env: PipelineEnv, connectionName: string): RedisClientOptions {
  const tls = env.REDIS_TLS === 'true' || (env.REDIS_URL ?? '').startsWith('rediss://');
  const auth = {
    ...(env.REDIS_USERNAME && { username: env.REDIS_USERNAME }),
    ...(env.REDIS_PASSWORD && { password: env.REDIS_PASSWORD }),
    ...(tls && {
      tls: env.REDIS_TLS_CA_FILE ? { ca: [readFileSync(env.REDIS_TLS_CA_FILE, 'utf8')] } : true,
    }),
    connectionName,
  };
  return env.REDIS_CLUSTER_NODES
    ? { clusterNodes: env.REDIS_CLUSTER_NODES.split(','), ...auth }
    : { url: env.REDIS_URL, ...auth };
}

/** How to reach Kafka: brokers, client id, and SASL / TLS when configured. */
export function kafkaConnectionFromEnv(env: PipelineEnv, clientId: string): KafkaConnectionOptions {
  const sasl =
    env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD
      ? {
          mechanism: env.KAFKA_SASL_MECHANISM,
          username: env.KAFKA_SASL_USERNAME,
          password: env.KAFKA_SASL_PASSWORD,
        }
      : undefined;
  const ssl =
    env.KAFKA_TLS === 'true'
      ? env.KAFKA_TLS_CA_FILE
        ? { ca: [readFileSync(env.KAFKA_TLS_CA_FILE, 'utf8')] }
        : true
      : undefined;
  return {
    brokers: env.KAFKA_BROKERS.split(','),
    clientId,
    ...(sasl && { sasl }),
    ...(ssl !== undefined && { ssl }),
  };
}

export function activityWindowMs(env: PipelineEnv): number {
  return env.ACTIVITY_WINDOW_DAYS * DAY_MS;
}
