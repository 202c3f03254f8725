import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { JourneyTracker } from '@pipeline/storefront-sdk';
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
      controllers: [EventsController, PreflightController],
      providers: [
        { provide: CollectorConfig, useValue: config },
        { provide: ApiKeyRegistry, useValue: registry },
        { provide: CorsPolicy, useValue: new CorsPolicy(registry.allowedOrigins()) },
        { provide: RateLimiter, useValue: new RateLimiter() },
        { provide: JourneyTracker, useFactory: () => createJourneyTracker(config) },
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
