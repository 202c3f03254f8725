import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startCollector } from './collector.app';
import { loadCollectorConfig } from './collector.config';

async function bootstrap(): Promise<void> {
  const config = loadCollectorConfig();
  await startCollector(config);
  Logger.log(
    `collector on ${config.HTTP_HOST}:${config.HTTP_PORT} with ${config.apiKeys.length} API key(s)`,
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) => {
  // Written synchronously: logs may still be buffered for the JSON logger when the start fails.
  process.stderr.write(
    `collector failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
