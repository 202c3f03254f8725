import { INBOUND_TOPICS } from '@pipeline/contracts';
import { createKafkaClient } from '@pipeline/kafka';
import { generateSyntheticCustomers, seededUniform } from '@pipeline/journey-domain';
import type { Kafka } from 'kafkajs';
import { testConnection, uniqueSuffix } from '../../kafka/test/kafka-e2e.fixture';
import { BacktestError, BacktestReport, loadOrdersCsv, parseBacktestRequest, runBacktest } from '../src';
import { syntheticOrdersCsv } from '../src/loader/synthetic-orders-csv';
import { TRUTH } from './synthetic-backtest.fixture';

const CUSTOMERS = 2_000;

/**
 * A CDNOW-like history: first purchases from 1997-01-01 over 12 weeks, followed for 78 weeks, written
 * as a retailer exports it: `customer,date,amount`, bare dates, no currency column (it is in USD).
 */
function historyCsv(): string {
  const population = generateSyntheticCustomers({
    customers: CUSTOMERS,
    ...TRUTH,
    observationEnd: 78,
    acquisitionWindow: 12,
    random: seededUniform(1997),
  });
  const full = syntheticOrdersCsv(population, {
    origin: Date.UTC(1997, 0, 1),
    timeUnit: 'week',
    currency: 'USD',
    customerPrefix: 'cd-',
  });
  const rows = full
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [customer, date, amount] = line.split(',');
      return `${customer},${date.slice(0, 10)},${amount}`;
    });
  return `customer,date,amount\n${rows.join('\n')}\n`;
}

describe('a 1990s order history in USD, loaded and backtested through Kafka', () => {
  const suffix = uniqueSuffix();
  const prefix = `t-${suffix}.`;
  const topic = `${prefix}${INBOUND_TOPICS.conversion}`;
  let kafka: Kafka;
  let report: BacktestReport;

  beforeAll(async () => {
    kafka = createKafkaClient(testConnection(`backtest-1990s-${suffix}`));
    const load = await loadOrdersCsv(kafka, historyCsv(), {
      topic,
      defaultCurrency: 'USD',
      now: Date.now(),
      partitions: 3,
      replicationFactor: 1,
    });
    expect(load.problems).toEqual([]);
    expect(Object.keys(load.publishedByCurrency)).toEqual(['USD']);
    const options = parseBacktestRequest(
      { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' },
      { topic, currency: 'USD', now: Date.now() },
    );
    report = await runBacktest(kafka, options, { topicPrefix: prefix });
  });

  it('backtests on the days the analyst typed, stated as exact instants', () => {
    expect(report.window).toMatchObject({
      calibrationEnd: '1997-09-30T23:59:59.999Z',
      holdoutEnd: '1998-06-30T23:59:59.999Z',
      rule:
        'calibration: orders placed at or before 1997-09-30T23:59:59.999Z; ' +
        'holdout: orders placed after 1997-09-30T23:59:59.999Z and at or before 1998-06-30T23:59:59.999Z',
      holdoutDays: 273,
    });
    expect(report.window.firstPurchase?.startsWith('1997-01')).toBe(true);
    expect(report.population.customers).toBeGreaterThan(0.9 * CUSTOMERS);
  });

  it('fits both purchase models and scores both against the holdout, per frequency bin and in total', () => {
    expect(report.fit.bgNbd.converged).toBe(true);
    expect(report.fit.paretoNbd).toMatchObject({ ok: true, converged: true });
    expect(report.paretoNbd?.bins).toHaveLength(report.conditionalExpectations.bins.length);
    expect(report.paretoNbd?.errors.totalActual).toBe(report.errors.totalActual);
    expect(report.modelComparison.models.map((m) => m.model)).toEqual(['bg-nbd', 'pareto-nbd']);
    expect(Math.abs(report.errors.relativeError ?? 1)).toBeLessThan(0.15);
    expect(report.fit.gammaGamma).toMatchObject({ ok: true });
  });

  it('says which currency it left out when the pipeline values another one', async () => {
    const inEuro = parseBacktestRequest(
      { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' },
      { topic, currency: 'EUR', now: Date.now() },
    );
    const failure = await runBacktest(kafka, inEuro, { topicPrefix: prefix }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(BacktestError);
    expect(failure).toMatchObject({ code: 'NOT_ENOUGH_DATA' });
    expect((failure as Error).message).toMatch(
      /got 0 \(customers with orders in EUR\); left out \d+ orders or refunds in USD: the models value EUR only/,
    );
  });
});
