import 'reflect-metadata';
import { BacktestError } from '@pipeline/backtest';
import { LOCAL_ENDPOINTS_HELP, kafkaConnectionFromEnv } from '@pipeline/app-config';
import { createKafkaClient } from '@pipeline/kafka';
import { loadBacktestCliConfig } from './backtest-cli.config';
import { parseCliArgs } from './cli-args';
import { loadCommand } from './load-command';
import { runCommand } from './run-command';

/** Exit statuses: 0 done, 1 failed, 2 bad arguments or options, 3 some CSV rows were not published. */
async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    process.stdout.write(args.text + LOCAL_ENDPOINTS_HELP);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`${args.message}\n\n${args.usage}`);
    return 2;
  }
  const config = loadBacktestCliConfig();
  const kafka = createKafkaClient(kafkaConnectionFromEnv(config, config.KAFKA_CLIENT_ID));
  if (args.kind === 'load') {
    const result = await loadCommand(kafka, config, args);
    return result.problems.length > 0 ? 3 : 0;
  }
  await runCommand(kafka, config, args);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      error instanceof BacktestError ? `backtest: ${error.code}: ${message}\n` : `${message}\n`,
    );
    process.exit(error instanceof BacktestError && error.code === 'INVALID_OPTIONS' ? 2 : 1);
  },
);
