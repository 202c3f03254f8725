import 'reflect-metadata';
import { LOCAL_ENDPOINTS_HELP } from '@pipeline/app-config';
import { parseIsoTimestamp, topicMessage } from '@pipeline/contracts';
import { KafkaPublisher, createKafkaClient } from '@pipeline/kafka';
import { JourneySimulator } from '@pipeline/journey-simulator';
import { Logger } from '@nestjs/common';
import { loadDemoStorefrontConfig } from './demo-storefront.config';

const USAGE = `usage: npm run demo

Plays a seeded storefront stream of DEMO_CUSTOMERS customers (default 2000, seed DEMO_SEED, ids
DEMO_CUSTOMER_PREFIX + n) onto the five stage topics (KAFKA_TOPIC_PREFIX + journey.*.v1) and prints
the customer with the busiest journey.
`;

const DEMO_YEAR_MS = 365 * 86_400_000;

/**
 * Plays a seeded, realistic storefront stream onto the five stage topics, keyed by customer, and
 * exits once the broker has acknowledged every event.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + LOCAL_ENDPOINTS_HELP);
    return;
  }
  if (args.length > 0) {
    process.stderr.write(`unknown argument "${args[0]}"\n\n${USAGE}`);
    process.exit(2);
  }
  const logger = new Logger('DemoStorefront');
  const config = loadDemoStorefrontConfig();
  // Two years up to the end date: journeys start in the first, buyers keep buying (or drop out)
  // through the second, so the history ends where a refit's "now" begins.
  const end = parseIsoTimestamp(`${config.DEMO_END_DATE}T00:00:00Z`);
  if (!end.ok) throw new Error(`DEMO_END_DATE ${end.message}`);
  const endMs = end.epochMs;
  const events = new JourneySimulator({
    customers: config.DEMO_CUSTOMERS,
    seed: config.DEMO_SEED,
    customerPrefix: config.DEMO_CUSTOMER_PREFIX,
    startMs: endMs - 2 * DEMO_YEAR_MS,
    spanDays: 365,
    endMs,
  }).generate();
  const publisher = new KafkaPublisher(
    createKafkaClient({ brokers: config.KAFKA_BROKERS.split(','), clientId: 'demo-storefront' }),
    {
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
    },
  );
  await publisher.connect();
  const started = Date.now();
  for (let i = 0; i < events.length; i += 1_000) {
    await publisher.publish(events.slice(i, i + 1_000).map((e) => topicMessage(e.topic, e.key, e.envelope)));
  }
  await publisher.disconnect();
  logger.log(
    `published ${events.length} events of ${config.DEMO_CUSTOMERS} customers up to ${config.DEMO_END_DATE} ` +
      `in ${Date.now() - started} ms (DEMO_SEED=${config.DEMO_SEED} DEMO_END_DATE=${config.DEMO_END_DATE} replays it)`,
  );
  // The customer with the busiest journey makes the best first look at the query API.
  const perCustomer = new Map<string, number>();
  for (const e of events) perCustomer.set(e.key, (perCustomer.get(e.key) ?? 0) + 1);
  const [showcase] = [...perCustomer].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [''];
  process.stdout.write(`showcase customer: ${showcase}\n`);
}

main().catch((error: unknown) => {
  Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'DemoStorefront');
  process.exit(1);
});
