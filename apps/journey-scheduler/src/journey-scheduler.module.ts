import { ObservabilityModule } from '@pipeline/observability';
import { DeadLetters, FixedMessageSizeLimit, KAFKA_DEFAULT_MAX_MESSAGE_BYTES } from '@pipeline/dead-letters';
import { kafkaConnectionFromEnv, redisConnectionFromEnv } from '@pipeline/app-config';
import { storedJourneyIndexEntries } from '@pipeline/journey-domain';
import { KafkaModule } from '@pipeline/kafka';
import { JobLeases, REDIS_CLIENT, RedisStoreModule } from '@pipeline/redis-store';
import { DynamicModule, Module } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { BACKTEST_SETTINGS, backtestSettingsFromConfig } from './backtest/backtest-settings';
import { BacktestController } from './backtest/backtest.controller';
import { BacktestService } from './backtest/backtest.service';
import { ChurnRescoreService } from './churn-rescore.service';
import { ClvModelController } from './clv-model.controller';
import { ClvModelRepository } from './clv-model.repository';
import { ClvRefitService } from './clv-refit.service';
import { DerivedOutputsWriter } from './derived-outputs.writer';
import { JobTimersService } from './job-timers.service';
import { JobsController } from './jobs.controller';
import { JourneySchedulerConfig } from './journey-scheduler.config';
import { SCHEDULER_SETTINGS, SchedulerSettings, schedulerSettingsFromConfig } from './scheduler-settings';

/** Wiring only: the validated config decides every option. */
@Module({})
export class JourneySchedulerModule {
  static register(config: JourneySchedulerConfig): DynamicModule {
    return {
      module: JourneySchedulerModule,
      imports: [
        KafkaModule.forRoot({
          connection: kafkaConnectionFromEnv(config, config.KAFKA_CLIENT_ID),
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
        }),
        RedisStoreModule.forRoot({
          client: redisConnectionFromEnv(config, config.KAFKA_CLIENT_ID),
          keyPrefix: config.REDIS_KEY_PREFIX,
          indexEntriesOfStoredJourney: storedJourneyIndexEntries,
        }),
        // It consumes nothing: metrics, health (Kafka and Redis answer) and structured logs only.
        ObservabilityModule.forRoot({
          serviceName: 'journey-scheduler',
          logLevel: config.LOG_LEVEL,
          consumer: false,
        }),
      ],
      controllers: [JobsController, ClvModelController, BacktestController],
      providers: [
        ClvRefitService,
        ChurnRescoreService,
        JobTimersService,
        DerivedOutputsWriter,
        {
          // The scheduler writes a dead letter only for a derived record the broker refuses, which is
          // rare: Kafka's default record size is its limit, not one read from the broker.
          provide: DeadLetters,
          useValue: new DeadLetters({
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
            sizeLimit: new FixedMessageSizeLimit(KAFKA_DEFAULT_MAX_MESSAGE_BYTES),
          }),
        },
        ClvModelRepository,
        {
          provide: JobLeases,
          inject: [REDIS_CLIENT, SCHEDULER_SETTINGS],
          useFactory: (redis: Redis | Cluster, settings: SchedulerSettings) =>
            new JobLeases(redis, settings.redisKeyPrefix, settings.leaseTtlMs),
        },
        { provide: SCHEDULER_SETTINGS, useValue: schedulerSettingsFromConfig(config) },
        BacktestService,
        { provide: BACKTEST_SETTINGS, useValue: backtestSettingsFromConfig(config) },
      ],
    };
  }
}
