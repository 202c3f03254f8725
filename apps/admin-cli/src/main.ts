import 'reflect-metadata';
import { LOCAL_ENDPOINTS_HELP, kafkaConnectionFromEnv, redisConnectionFromEnv } from '@pipeline/app-config';
import { CustomerErasureService } from '@pipeline/customer-erasure';
import { storedJourneyIndexEntries } from '@pipeline/journey-domain';
import { KafkaPublisher, createKafkaClient } from '@pipeline/kafka';
import {
  JourneyErasureRepository,
  JourneyIndexRepository,
  AudienceIndexRepository,
  createRedisClient,
} from '@pipeline/redis-store';
import { Logger } from '@nestjs/common';
import { parseAdminArgs } from './admin-args';
import { AdminCliConfig, loadAdminCliConfig } from './admin-cli.config';
import { runDlqReplay } from './dlq-replay.command';
import { StderrLogger } from './stderr-logger';

/**
 * The pipeline's admin commands, run directly against Redis and Kafka (access to them is the
 * authorisation), each printing its report as JSON on stdout:
 * - `npm run erase -- <customerId>`: the processor's erasure, no HTTP and no admin key;
 * - `npm run dlq:replay -- --reason CODE --since ISO [--topic T] [--dry-run]`: replays dead letters.
 * Exit code 0 once done, 1 if it failed (run it again: both resume without doing anything twice), 2
 * on a usage error.
 */
async function main(): Promise<number> {
  const args = parseAdminArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    process.stdout.write(args.usage + LOCAL_ENDPOINTS_HELP);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`${args.message}\n\n${args.usage}`);
    return 2;
  }
  const config = loadAdminCliConfig();
  Logger.overrideLogger(new StderrLogger());
  const report =
    args.kind === 'erase' ? await erase(config, args.customerId) : await runDlqReplay(config, args.options);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  return 0;
}

async function erase(config: AdminCliConfig, customerId: string): Promise<unknown> {
  const redis = createRedisClient(redisConnectionFromEnv(config, 'admin-cli'));
  const kafka = createKafkaClient(kafkaConnectionFromEnv(config, 'admin-cli'), new Logger('Kafka'));
  const publisher = new KafkaPublisher(kafka, { topicPrefix: config.KAFKA_TOPIC_PREFIX });
  try {
    await publisher.connect();
    const erasure = new CustomerErasureService(
      new JourneyErasureRepository(redis, config.REDIS_KEY_PREFIX),
      new JourneyIndexRepository(redis, config.REDIS_KEY_PREFIX, storedJourneyIndexEntries),
      publisher,
      new AudienceIndexRepository(redis, config.REDIS_KEY_PREFIX),
    );
    return await erasure.erase(customerId);
  } finally {
    await publisher.disconnect();
    await redis.quit().catch(() => redis.disconnect());
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const command = process.argv[2] ?? 'admin-cli';
    process.stderr.write(`${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
