import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useStructuredLogging } from '@pipeline/observability';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CollectorConfig } from './collector.config';
import { CollectorModule } from './collector.module';

/**
 * Builds and starts the collector: Kafka producer connected, HTTP listening. Used by main.ts and by
 * the end-to-end tests, so both run the same wiring. Body parsing is the collector's own (raw bytes,
 * bounded, any content type and encoding), so Nest's JSON parser is off. Logs are JSON lines at
 * LOG_LEVEL, as the other services write them.
 */
export async function startCollector(config: CollectorConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(CollectorModule.register(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  useStructuredLogging(app);
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}
