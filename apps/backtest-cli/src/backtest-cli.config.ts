import { PipelineEnv, cliEnvironment, loadEnv, toInt } from '@pipeline/app-config';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';

/**
 * What the backtest CLI reads from its environment: where Kafka is (KAFKA_BROKERS, with the TLS and
 * SASL variables of the services), the topic prefix and the pipeline currency, or else the endpoints
 * file of scripts/up.sh. Redis is not needed: the backtest replays the Kafka log.
 */
export class BacktestCliConfig extends PipelineEnv {
  @IsString()
  KAFKA_CLIENT_ID = 'backtest-cli';

  /** Partitions of a topic the loader creates (an existing topic is left as it is). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000)
  KAFKA_TOPIC_PARTITIONS = 6;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  KAFKA_TOPIC_REPLICATION_FACTOR = 1;

  /** Tolerated lead of event time over the broker timestamp, as the journey processor has it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MAX_FUTURE_SKEW_MS = 300_000;
}

export function loadBacktestCliConfig(env: NodeJS.ProcessEnv = process.env): BacktestCliConfig {
  return loadEnv(BacktestCliConfig, cliEnvironment(env, { needs: [['KAFKA_BROKERS']] }));
}
