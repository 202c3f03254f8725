import { LoadOrdersResult, loadOrdersCsv } from '@pipeline/backtest';
import { INBOUND_TOPICS } from '@pipeline/contracts';
import { topicName } from '@pipeline/kafka';
import type { Kafka } from 'kafkajs';
import { readFile } from 'node:fs/promises';
import { BacktestCliConfig } from './backtest-cli.config';
import { LoadArgs } from './cli-args';

/** At most this many problems are printed; the count says how many there were. */
const SHOWN_PROBLEMS = 50;

/** Which currencies went out, and a warning when some are not the one the models value. */
function currencyLine(byCurrency: Readonly<Record<string, number>>, pipelineCurrency: string): string {
  const entries = Object.entries(byCurrency);
  const counted = entries.map(([currency, n]) => `${n} in ${currency}`).join(', ');
  const other = entries.filter(([currency]) => currency !== pipelineCurrency).map(([currency]) => currency);
  return other.length === 0
    ? `currencies: ${counted || 'none'}`
    : `currencies: ${counted}; the backtest and the refit value PIPELINE_CURRENCY=${pipelineCurrency} only, ` +
        `so orders in ${other.join(', ')} will be left out (run them with PIPELINE_CURRENCY set to it)`;
}

/** Loads a CSV of orders onto the topic and prints what was published and what was not. */
export async function loadCommand(
  kafka: Kafka,
  config: BacktestCliConfig,
  args: LoadArgs,
): Promise<LoadOrdersResult> {
  const csv = await readFile(args.file, 'utf8');
  const result = await loadOrdersCsv(kafka, csv, {
    topic: args.topic ?? topicName(config.KAFKA_TOPIC_PREFIX, INBOUND_TOPICS.conversion),
    defaultCurrency: args.currency ?? config.PIPELINE_CURRENCY,
    now: Date.now(),
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
  });
  const lines = [
    `${args.file}: ${result.rows} rows, ${result.published} order_placed events published on ${result.topic}, ` +
      `${result.problems.length} rows not published`,
    currencyLine(result.publishedByCurrency, config.PIPELINE_CURRENCY),
    ...(result.ignoredColumns.length > 0 ? [`ignored columns: ${result.ignoredColumns.join(', ')}`] : []),
    ...result.problems.slice(0, SHOWN_PROBLEMS).map((p) => `${args.file}:${p.line}: ${p.message}`),
    ...(result.problems.length > SHOWN_PROBLEMS
      ? [`... and ${result.problems.length - SHOWN_PROBLEMS} more`]
      : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return result;
}
