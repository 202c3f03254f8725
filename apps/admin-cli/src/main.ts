import 'reflect-metadata';
import {
  LOCAL_ENDPOINTS_HELP,
  kafkaConnectionFromEnv,
  redisClientOptionsFromEnv,
} from '@pipeline/app-config';
import { CustomerErasureService } from '@pipeline/customer-erasure';
import { KafkaPublisher, createKafkaClient } from '@pipeline/kafka';
import { JourneyErasureRepository, JourneyIndexRepository, createRedisClient } from '@pipeline/redis-store';
import { Logger } from '@nestjs/common';
import { ADMIN_USAGE, parseAdminArgs } from './admin-args';
import { loadAdminCliConfig } from './admin-cli.config';
import { StderrLogger } from './stderr-logger';

/**
 * `npm run erase -- <customerId>`: runs the processor's erasure directly against Redis and Kafka, no
 * HTTP and no admin key (access to the pipeline's Redis and Kafka is the authorisation). Prints the
 * erasure report as JSON; exit code 0 once the erasure is complete, 1 if it failed (run it again: it
 * resumes), 2 on a usage error.
 */
async function main(): Promise<number> {
  const args = parseAdminArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    process.stdout.write(ADMIN_USAGE + LOCAL_ENDPOINTS_HELP);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`${args.message}\n\n${ADMIN_USAGE}`);
    return 2;
  }
  const config = loadAdminCliConfig();
  Logger.overrideLogger(new StderrLogger());
  const redis = createRedisClient(redisClientOptionsFromEnv(config, 'admin-cli'));
  const kafka = createKafkaClient(kafkaConnectionFromEnv(config, 'admin-cli'), new Logger('Kafka'));
  const publisher = new KafkaPublisher(kafka, { topicPrefix: config.KAFKA_TOPIC_PREFIX });
  try {
    await publisher.connect();
    const erasure = new CustomerErasureService(
      new JourneyErasureRepository(redis, config.REDIS_KEY_PREFIX),
      new JourneyIndexRepository(redis, config.REDIS_KEY_PREFIX),
      publisher,
    );
    const report = await erasure.erase(args.customerId);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } finally {
    await publisher.disconnect();
    await redis.quit().catch(() => redis.disconnect());
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`erase failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
