import { AudiencesController } from './audiences/audiences.controller';
import { AudiencesService } from './audiences/audiences.service';
import { DEAD_LETTER_TOPIC } from '@pipeline/contracts';
import { CustomerErasureService } from '@pipeline/customer-erasure';
import { DeadLetters, TopicMessageSizeLimit } from '@pipeline/dead-letters';
import { storedJourneyIndexEntries } from '@pipeline/journey-domain';
import { KAFKA_CLIENT, KafkaModule, KafkaPublisher, topicName } from '@pipeline/kafka';
import { ObservabilityModule } from '@pipeline/observability';
import {
  JourneyErasureRepository,
  JourneyIndexRepository,
  RedisStoreModule,
  AudienceIndexRepository,
} from '@pipeline/redis-store';
import { DynamicModule, Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { kafkaConnectionFromEnv, outputSettingsFromEnv, redisConnectionFromEnv } from '@pipeline/app-config';
import { ClvModelCache } from './clv-model.cache';
import { ADMIN_KEY_DIGEST, AdminKeyGuard } from './erasure/admin-key.guard';
import { adminKeyDigest } from './erasure/admin-key';
import { CustomerErasureController } from './erasure/customer-erasure.controller';
import { IdentifyBatchService } from './identify/identify-batch.service';
import { IdentityEventsHandler } from './identify/identity-events.handler';
import { JourneyBatchService } from './journey-batch.service';
import { JourneyProcessorConfig } from './journey-processor.config';
import { JourneyQueryController } from './journey-query.controller';
import { KpiController } from './kpi/kpi.controller';
import { kpiSettingsProvider } from './kpi/kpi-settings';
import { KpiService } from './kpi/kpi.service';
import { PROCESSOR_SETTINGS, ProcessorSettings } from './processor-settings';
import { LinkedJourneyLoader } from './routing/linked-journey.loader';
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
          client: redisConnectionFromEnv(config, config.KAFKA_CLIENT_ID),
          keyPrefix: config.REDIS_KEY_PREFIX,
          indexEntriesOfStoredJourney: storedJourneyIndexEntries,
        }),
        ObservabilityModule.forRoot({
          serviceName: 'journey-processor',
          logLevel: config.LOG_LEVEL,
          readyLagThreshold: config.READY_LAG_THRESHOLD,
          lagPollMs: config.LAG_POLL_MS,
          dashboard: true,
        }),
      ],
      controllers: [
        StageEventsHandler,
        IdentityEventsHandler,
        JourneyQueryController,
        KpiController,
        CustomerErasureController,
        AudiencesController,
      ],
      providers: [
        JourneyBatchService,
        IdentifyBatchService,
        LinkedJourneyLoader,
        ClvModelCache,
        {
          provide: CustomerErasureService,
          inject: [JourneyErasureRepository, JourneyIndexRepository, KafkaPublisher, AudienceIndexRepository],
          useFactory: (
            erasures: JourneyErasureRepository,
            indexes: JourneyIndexRepository,
            publisher: KafkaPublisher,
            audiences: AudienceIndexRepository,
          ) => new CustomerErasureService(erasures, indexes, publisher, audiences),
        },
        { provide: ADMIN_KEY_DIGEST, useValue: adminKeyDigest(config.ADMIN_API_KEY_SHA256) },
        AdminKeyGuard,
        KpiService,
        AudiencesService,
        kpiSettingsProvider(config),
        { provide: PROCESSOR_SETTINGS, useValue: processorSettings(config) },
        { provide: TopicMessageSizeLimit, inject: [KAFKA_CLIENT], useFactory: deadLetterSizeLimit(config) },
        {
          provide: DeadLetters,
          inject: [TopicMessageSizeLimit],
          useFactory: (sizeLimit: TopicMessageSizeLimit) =>
            new DeadLetters({ topicPrefix: config.KAFKA_TOPIC_PREFIX, sizeLimit }),
        },
      ],
    };
  }
}

/** The dead-letter topic's record size limit, read from the broker (see startJourneyProcessor). */
function deadLetterSizeLimit(config: JourneyProcessorConfig) {
  return (kafka: Kafka) =>
    new TopicMessageSizeLimit(kafka, topicName(config.KAFKA_TOPIC_PREFIX, DEAD_LETTER_TOPIC));
}

function processorSettings(config: JourneyProcessorConfig): ProcessorSettings {
  return {
    maxFutureSkewMs: config.MAX_FUTURE_SKEW_MS,
    recentEventIds: config.DEDUPE_RECENT_EVENTS,
    maxCommitAttempts: 5,
    modelRefreshMs: config.MODEL_REFRESH_MS,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    outputs: outputSettingsFromEnv(config),
    unitMaxRecords: config.UNIT_MAX_RECORDS,
    isolation: { unknownAttempts: 3, backoff: { initialMs: 200, maxMs: 2_000 } },
  };
}
