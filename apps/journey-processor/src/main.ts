import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startJourneyProcessor } from './journey-processor.app';
import { loadJourneyProcessorConfig } from './journey-processor.config';

async function bootstrap(): Promise<void> {
  const config = loadJourneyProcessorConfig();
  await startJourneyProcessor(config);
  Logger.log(
    `journey-processor consuming as group ${config.KAFKA_GROUP_ID}, HTTP on :${config.HTTP_PORT}`,
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) => {
  Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'Bootstrap');
  process.exit(1);
});
