import {
  BacktestReport,
  parseBacktestRequest,
  readChartJsBundle,
  renderBacktestHtml,
  runBacktest,
} from '@pipeline/backtest';
import { INBOUND_TOPICS } from '@pipeline/contracts';
import { topicName } from '@pipeline/kafka';
import type { Kafka } from 'kafkajs';
import { writeFile } from 'node:fs/promises';
import { BacktestCliConfig } from './backtest-cli.config';
import { formatBacktestSummary } from './backtest-summary';
import { RunArgs } from './cli-args';

/** Runs the backtest, writes the requested reports and prints the summary. */
export async function runCommand(
  kafka: Kafka,
  config: BacktestCliConfig,
  args: RunArgs,
): Promise<BacktestReport> {
  const options = parseBacktestRequest(args.request, {
    topic: topicName(config.KAFKA_TOPIC_PREFIX, INBOUND_TOPICS.conversion),
    currency: config.PIPELINE_CURRENCY,
    now: Date.now(),
  });
  const report = await runBacktest(kafka, options, {
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    maxFutureSkewMs: config.MAX_FUTURE_SKEW_MS,
  });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (args.json !== undefined && args.json !== '-') await writeFile(args.json, json);
  if (args.html !== undefined) await writeFile(args.html, renderBacktestHtml(report, readChartJsBundle()));
  // With the JSON on stdout the summary moves to stderr, so the JSON can be piped.
  const summary = formatBacktestSummary(report);
  if (args.json === '-') {
    process.stdout.write(json);
    process.stderr.write(summary);
  } else {
    process.stdout.write(summary);
  }
  return report;
}
