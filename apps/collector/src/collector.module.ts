import { Logger, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { kafkaConnectionFromEnv } from '@pipeline/app-config';
import { KAFKA_CLIENT, createKafkaClient } from '@pipeline/kafka';
import { ObservabilityModule } from '@pipeline/observability';
import { JourneyTracker } from '@pipeline/storefront-sdk';
import type { Kafka } from 'kafkajs';
import { ApiKeyGuard } from './api-keys/api-key.guard';
import { ApiKeyRegistry } from './api-keys/api-key.registry';
import { CollectorConfig } from './collector.config';
import { ArrivalMiddleware } from './http/arrival.middleware';
import { CorsHeadersMiddleware } from './http/cors-headers.middleware';
import { CorsPolicy } from './http/cors-policy';
import { PreflightController } from './http/preflight.controller';
import { RequestBodyInterceptor } from './http/request-body.interceptor';
import { EventsController } from './ingest/events.controller';
import { IngestService } from './ingest/ingest.service';
import { CollectorMetrics } from './metrics/collector.metrics';
import { createJourneyTracker } from './publishing/journey-tracker.factory';
import { JourneyTrackerLifecycle } from './publishing/journey-tracker.lifecycle';
import { RateLimiter } from './rate-limit/rate-limiter';

/** Wiring only: the validated config decides every option. */
@Module({})
export class CollectorModule implements NestModule {
  static register(config: CollectorConfig): DynamicModule {
    const registry = new ApiKeyRegistry(config.apiKeys);
    return {
      module: CollectorModule,
      // Metrics, health (ready when Kafka answers) and JSON logs; the collector consumes nothing.
      imports: [
        ObservabilityModule.forRoot({
          serviceName: 'collector',
          logLevel: config.LOG_LEVEL,
          consumer: false,
        }),
      ],
      controllers: [EventsController, PreflightController],
      providers: [
        { provide: CollectorConfig, useValue: config },
        { provide: ApiKeyRegistry, useValue: registry },
        { provide: CorsPolicy, useValue: new CorsPolicy(registry.allowedOrigins()) },
        { provide: RateLimiter, useValue: new RateLimiter() },
        {
          provide: KAFKA_CLIENT,
          useFactory: () =>
            createKafkaClient(kafkaConnectionFromEnv(config, config.KAFKA_CLIENT_ID), new Logger('Kafka')),
        },
        {
          provide: JourneyTracker,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => createJourneyTracker(config, kafka),
        },
        CollectorMetrics,
        JourneyTrackerLifecycle,
        ApiKeyGuard,
        RequestBodyInterceptor,
        IngestService,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ArrivalMiddleware, CorsHeadersMiddleware).forRoutes(EventsController);
  }
}
