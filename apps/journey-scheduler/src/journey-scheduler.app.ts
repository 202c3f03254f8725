import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useStructuredLogging } from '@pipeline/observability';
import { JourneySchedulerConfig } from './journey-scheduler.config';
import { JourneySchedulerModule } from './journey-scheduler.module';

/**
 * Builds and starts the scheduler: job timers armed (unless disabled), the HTTP endpoints listening
 * (jobs, models, backtests, and /metrics and /health like the other services). Logs are JSON lines
 * at LOG_LEVEL. Used by main.ts and by the end-to-end tests, so both run the same wiring.
 */
export async function startJourneyScheduler(config: JourneySchedulerConfig): Promise<INestApplication> {
  const app = await NestFactory.create(JourneySchedulerModule.register(config), { bufferLogs: true });
  useStructuredLogging(app);
  app.enableShutdownHooks();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}
