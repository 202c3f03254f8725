// Times the backtest's steps after the replay on synthetic populations of growing size: summarising
// the journeys (calibration and holdout), fitting BG/NBD and Gamma-Gamma with the domain fitter, and
// building the report. The records go through the contract and the journey-state fold as in a replay,
// but from memory, not Kafka, so the numbers are the CPU cost of the maths.
//
//   TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register -r tsconfig-paths/register \
//     apps/backtest-cli/scripts/fit-timing.ts [customers ...] [--time-unit day]
import {
  OrderHistory,
  admitOrderRecord,
  backtestPopulation,
  buildBacktestReport,
  fitBacktestModels,
  orderMessages,
  parseOrdersCsv,
  syntheticOrdersCsv,
} from '@pipeline/backtest';
import { TimeUnit, generateSyntheticCustomers, seededUniform, unitMs } from '@pipeline/journey-domain';
import { performance } from 'node:perf_hooks';

const WEEK = unitMs('week');
const ORIGIN = Date.UTC(2024, 5, 3);
const args = process.argv.slice(2);
const unitAt = args.indexOf('--time-unit');
const timeUnit: TimeUnit = unitAt >= 0 && args[unitAt + 1] === 'day' ? 'day' : 'week';
const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--time-unit').map(Number);
const options = {
  topic: 'journey.conversion.v1',
  calibrationEnd: ORIGIN + 39 * WEEK,
  holdoutEnd: ORIGIN + 78 * WEEK,
  timeUnit,
  currency: 'EUR',
};

for (const customers of sizes.length > 0 ? sizes : [10_000, 50_000]) {
  const csv = syntheticOrdersCsv(
    generateSyntheticCustomers({
      customers,
      bgNbd: { r: 0.25, alpha: 4, a: 0.8, b: 2.5 },
      gammaGamma: { p: 6, q: 4, v: 15 },
      observationEnd: 78,
      acquisitionWindow: 12,
      random: seededUniform(customers),
    }),
    { origin: ORIGIN, timeUnit: 'week', currency: 'EUR', customerPrefix: 'c' },
  );
  const { messages } = orderMessages(parseOrdersCsv(csv).rows, { defaultCurrency: 'EUR', now: Date.now() });
  const started = performance.now();
  const history = new OrderHistory();
  messages.forEach((message, i) => {
    const record = {
      partition: 0,
      offset: String(i),
      key: Buffer.from(message.key),
      value: Buffer.from(message.value),
      timestamp: String(Date.now()),
    };
    const admission = admitOrderRecord(record, { stageTopic: 'journey.conversion.v1', currency: 'EUR' });
    if (admission.kind === 'order')
      history.add(admission.event, { topic: 't', partition: 0, offset: String(i) });
  });
  const folded = performance.now();
  const population = backtestPopulation(history.customers(), options);
  const summarized = performance.now();
  const models = fitBacktestModels(population.customers.map((c) => c.calibration));
  const fitted = performance.now();
  buildBacktestReport({
    options,
    source: {
      topic: options.topic,
      fromOffset: 'earliest',
      partitions: [],
      records: messages.length,
      orderEvents: { order_placed: messages.length, order_refunded: 0, order_cancelled: 0 },
      otherEventTypes: 0,
      otherCurrency: 0,
      otherCurrencies: {},
      rejected: { total: 0, byCode: {}, samples: [] },
    },
    population,
    models,
    generatedAt: new Date(),
  });
  const reported = performance.now();
  const ms = (value: number): string => `${Math.round(value)} ms`;
  process.stdout.write(
    `${customers} customers, ${messages.length} orders, ${timeUnit}s: parse + fold ${ms(folded - started)}, ` +
      `summarise ${ms(summarized - folded)}, fit BG/NBD ${ms(models.fitMs.bgNbd)} ` +
      `(${models.bgNbd.iterations} iterations), Gamma-Gamma ${ms(models.fitMs.gammaGamma)}, ` +
      `report ${ms(reported - fitted)}\n`,
  );
}
