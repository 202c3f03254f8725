import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ConsumerGroupWatch } from './consumer/consumer-group.watch';
import { DashboardController } from './dashboard/dashboard.controller';
import { ConsumerGroupHealthIndicator } from './health/consumer-group.health';
import { ConsumerLagHealthIndicator } from './health/consumer-lag.health';
import { HealthController } from './health/health.controller';
import { KafkaHealthIndicator } from './health/kafka.health';
import { RedisHealthIndicator } from './health/redis.health';
import { ConsumerLagMetrics } from './lag/consumer-lag.metrics';
import { ConsumerLagMonitor } from './lag/consumer-lag.monitor';
import { KafkaAdminConnection } from './lag/kafka-admin.connection';
import { BatchLogContextInterceptor } from './logging/batch-log-context.interceptor';
import { ROOT_LOGGER, createRootLogger, structuredLoggingParams } from './logging/structured-logging';
import { METRICS_REGISTRY, createMetricsRegistry } from './metrics/metrics-registry';
import { MetricsController } from './metrics/metrics.controller';
import { PipelineMetrics } from './metrics/pipeline-metrics';
import {
  resolveObservabilityOptions,
  type ObservabilityModuleOptions,
  type ResolvedObservabilityOptions,
} from './observability-module.options';
import { OBSERVABILITY_OPTIONS } from './observability.tokens';
import { OpsHistory } from './ops/ops-history';
import { OpsSnapshotController } from './ops/ops-snapshot.controller';
import { OpsSnapshotService } from './ops/ops-snapshot.service';

/**
 * Operations for a pipeline service: Prometheus metrics (`GET /metrics`), liveness and readiness
 * (`GET /health/live`, `GET /health/ready`), consumer lag under kafka-exporter's names, the ops
 * snapshot (`GET /ops/snapshot`), optionally a live dashboard (`GET /dashboard`), and JSON logs with a
 * correlation id per Kafka batch. With `consumer: false` (a service that only serves HTTP and
 * produces) it is metrics, health and logs only. It probes the app's own `REDIS_CLIENT` and
 * `KAFKA_CLIENT`, whichever modules provide them. Exports `METRICS_REGISTRY`, and with a consumer
 * `PipelineMetrics` and `ConsumerGroupWatch`; call `ConsumerGroupWatch.watch(server)` before the batch
 * server starts, and `useStructuredLogging(app)`.
 *
 * Only `forRoot`: the logger must exist before any provider is resolved, so its options are not async.
 *
 * @example
 * ObservabilityModule.forRoot({ serviceName: 'journey-processor', logLevel: config.LOG_LEVEL, dashboard: true })
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    const resolved = resolveObservabilityOptions(options);
    const root: Logger = createRootLogger(resolved);
    const consumer = resolved.consumer
      ? consumerParts(resolved)
      : { controllers: [], providers: [], exports: [] };
    return {
      module: ObservabilityModule,
      imports: [
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        LoggerModule.forRoot(structuredLoggingParams(root)),
      ],
      controllers: [MetricsController, HealthController, ...consumer.controllers],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: resolved },
        { provide: ROOT_LOGGER, useValue: root },
        { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
        KafkaAdminConnection,
        RedisHealthIndicator,
        KafkaHealthIndicator,
        ...consumer.providers,
      ],
      exports: [METRICS_REGISTRY, ...consumer.exports],
    };
  }
}

/** What only a Kafka-consuming service has: group readiness, lag, pipeline counters, the ops snapshot. */
function consumerParts(options: ResolvedObservabilityOptions) {
  return {
    controllers: [OpsSnapshotController, ...(options.dashboard ? [DashboardController] : [])],
    providers: [
      { provide: APP_INTERCEPTOR, useClass: BatchLogContextInterceptor },
      PipelineMetrics,
      ConsumerGroupWatch,
      ConsumerLagMonitor,
      ConsumerLagMetrics,
      ConsumerGroupHealthIndicator,
      ConsumerLagHealthIndicator,
      OpsHistory,
      OpsSnapshotService,
    ],
    exports: [PipelineMetrics, ConsumerGroupWatch],
  };
}
