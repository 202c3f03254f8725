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
  // Written synchronously: the JSON logger is asynchronous and would lose it on exit.
  process.stderr.write(
    `journey-processor failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
