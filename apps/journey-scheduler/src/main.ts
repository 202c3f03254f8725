import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startJourneyScheduler } from './journey-scheduler.app';
import { loadJourneySchedulerConfig } from './journey-scheduler.config';

async function bootstrap(): Promise<void> {
  const config = loadJourneySchedulerConfig();
  await startJourneyScheduler(config);
  Logger.log(
    `journey-scheduler HTTP on :${config.HTTP_PORT}, timers ${config.SCHEDULER_TIMERS_ENABLED ? 'on' : 'off'}`,
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) => {
  Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'Bootstrap');
  process.exit(1);
});
