import 'reflect-metadata';
import { LOCAL_ENDPOINTS_HELP, kafkaConnectionFromEnv } from '@pipeline/app-config';
import { createKafkaClient } from '@pipeline/kafka';
import { ConsumerLagReader } from '@pipeline/observability';
import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { LAG_USAGE, parseLagArgs } from './lag-args';
import { readLagReport } from './lag-report';
import { formatLagTable } from './lag-table';
import { loadOpsCliConfig } from './ops-cli.config';

const CLEAR_SCREEN = '\u001b[2J\u001b[H';

/** `npm run lag`: consumer lag per group, topic and partition, once or redrawn until Ctrl-C. */
async function main(): Promise<number> {
  const args = parseLagArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    process.stdout.write(LAG_USAGE + LOCAL_ENDPOINTS_HELP);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`${args.message}\n\n${LAG_USAGE}`);
    return 2;
  }
  const { groups, prefix, watchSeconds } = args.options;
  const config = loadOpsCliConfig();
  const kafka = createKafkaClient(kafkaConnectionFromEnv(config, 'ops-cli'), new Logger('Kafka'));
  const admin = kafka.admin();
  await admin.connect();
  const reader = new ConsumerLagReader(admin);
  const read = () => readLagReport(reader, groups, prefix ?? config.KAFKA_TOPIC_PREFIX);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  try {
    if (watchSeconds === undefined) {
      process.stdout.write(formatLagTable(await read()));
      return 0;
    }
    while (!stop.signal.aborted) {
      const screen = await read().then(
        (report) =>
          `consumer lag at ${report.readAt.toISOString()}, every ${watchSeconds} s (Ctrl-C to stop)\n\n` +
          formatLagTable(report),
        // A broker hiccup is shown and the next round tries again.
        (error: unknown) =>
          `could not read the lag: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.stdout.write(`${process.stdout.isTTY ? CLEAR_SCREEN : ''}${screen}\n`);
      await sleep(watchSeconds * 1000, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  } finally {
    await admin.disconnect();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
