import { KafkaModule } from '@pipeline/kafka';
import { ObservabilityModule } from '@pipeline/observability';
import { RedisStoreModule } from '@pipeline/redis-store';
import { DynamicModule, Module } from '@nestjs/common';
import {
  kafkaConnectionFromEnv,
  outputSettingsFromEnv,
  redisClientOptionsFromEnv,
} from '@pipeline/app-config';
import { ClvModelCache } from './clv-model.cache';
import { JourneyBatchService } from './journey-batch.service';
import { JourneyProcessorConfig } from './journey-processor.config';
import { JourneyQueryController } from './journey-query.controller';
import { KpiController } from './kpi/kpi.controller';
import { kpiSettingsProvider } from './kpi/kpi-settings';
import { KpiService } from './kpi/kpi.service';
import { PROCESSOR_SETTINGS, ProcessorSettings } from './processor-settings';
import { StageEventsHandler } from './stage-events.handler';

/** Wiring only: the validated config decides every option. */
@Module({})
export class JourneyProcessorModule {
  static register(config: JourneyProcessorConfig): DynamicModule {
    return {
      module: JourneyProcessorModule,
      imports: [
        KafkaModule.forRoot({
          connection: kafkaConnectionFromEnv(config, config.KAFKA_CLIENT_ID),
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
        }),
        RedisStoreModule.forRoot({
          client: redisClientOptionsFromEnv(config, config.KAFKA_CLIENT_ID),
          keyPrefix: config.REDIS_KEY_PREFIX,
        }),
        ObservabilityModule.forRoot({
          serviceName: 'journey-processor',
          logLevel: config.LOG_LEVEL,
          readyLagThreshold: config.READY_LAG_THRESHOLD,
          lagPollMs: config.LAG_POLL_MS,
          dashboard: true,
        }),
      ],
      controllers: [StageEventsHandler, JourneyQueryController, KpiController],
      providers: [
        JourneyBatchService,
        ClvModelCache,
        KpiService,
        kpiSettingsProvider(config),
        { provide: PROCESSOR_SETTINGS, useValue: processorSettings(config) },
      ],
    };
  }
}

function processorSettings(config: JourneyProcessorConfig): ProcessorSettings {
  return {
    maxFutureSkewMs: config.MAX_FUTURE_SKEW_MS,
    recentEventIds: config.DEDUPE_RECENT_EVENTS,
    maxCommitAttempts: 5,
    modelRefreshMs: config.MODEL_REFRESH_MS,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    outputs: outputSettingsFromEnv(config),
  };
}
