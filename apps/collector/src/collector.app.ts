import { type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CollectorConfig } from './collector.config';
import { CollectorModule } from './collector.module';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds and starts the collector: Kafka producer connected, HTTP listening. Used by main.ts and by
 * the end-to-end tests, so both run the same wiring. Body parsing is the collector's own (raw bytes,
 * bounded, any content type), so Nest's JSON parser is off.
 */
export async function startCollector(config: CollectorConfig): Promise<INestApplication> {
  const logger = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1);
  const app = await NestFactory.create<NestExpressApplication>(CollectorModule.register(config), {
    logger,
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}
