import { KafkaPublisher, ensureTopics } from '@pipeline/kafka';
import type { Kafka } from 'kafkajs';
import { orderMessages } from './order-messages';
import { CsvProblem, parseOrdersCsv } from './orders-csv';

/** Where and how to load a CSV of historical orders. */
export interface LoadOrdersOptions {
  /** The physical topic (prefix included); created with the layout below when missing. */
  readonly topic: string;
  /** Currency of rows without a `currency` column value: the pipeline currency. */
  readonly defaultCurrency: string;
  /** Rows dated after this instant (epoch ms) are refused. */
  readonly now: number;
  readonly partitions: number;
  readonly replicationFactor: number;
}

export interface LoadOrdersResult {
  readonly topic: string;
  /** Data rows read (problem rows included). */
  readonly rows: number;
  readonly published: number;
  /** Published orders per currency, so a file in another currency than the pipeline's is seen at once. */
  readonly publishedByCurrency: Readonly<Record<string, number>>;
  /** Lines not published, with why; sorted by line. */
  readonly problems: readonly CsvProblem[];
  readonly ignoredColumns: readonly string[];
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * Publishes a CSV of historical orders (`customer,date,amount[,currency][,order_id]`) onto a
 * conversion topic as `order_placed` events keyed by customer, with deterministic event ids, through
 * the pipeline's idempotent publisher. Every row is validated with the contract first; bad rows are
 * reported with their line numbers and not published, the good ones are.
 */
export async function loadOrdersCsv(
  kafka: Kafka,
  csv: string,
  options: LoadOrdersOptions,
): Promise<LoadOrdersResult> {
  const parsed = parseOrdersCsv(csv);
  const { messages, problems } = orderMessages(parsed.rows, options);
  const allProblems = [...parsed.problems, ...problems].sort((a, b) => a.line - b.line);
  if (messages.length > 0) {
    await ensureTopics(kafka, '', [options.topic], {
      partitions: options.partitions,
      replicationFactor: options.replicationFactor,
    });
    const publisher = new KafkaPublisher(kafka);
    await publisher.connect();
    try {
      await publisher.publish(messages.map(({ key, value }) => ({ topic: options.topic, key, value })));
    } finally {
      await publisher.disconnect();
    }
  }
  return {
    topic: options.topic,
    rows: parsed.dataLines,
    published: messages.length,
    publishedByCurrency: countBy(messages.map((message) => message.currency)),
    problems: allProblems,
    ignoredColumns: parsed.ignoredColumns,
  };
}
