import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JourneySchedulerConfig } from './journey-scheduler.config';
import { JourneySchedulerModule } from './journey-scheduler.module';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds and starts the scheduler: job timers armed (unless disabled), the HTTP endpoints listening.
 * Used by main.ts and by the end-to-end tests, so both run the same wiring.
 */
export async function startJourneyScheduler(config: JourneySchedulerConfig): Promise<INestApplication> {
  const logger = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1);
  const app = await NestFactory.create(JourneySchedulerModule.register(config), { logger });
  app.enableShutdownHooks();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}
