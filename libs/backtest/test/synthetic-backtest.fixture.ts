import {
  BgNbdParams,
  GammaGammaParams,
  generateSyntheticCustomers,
  seededUniform,
  unitMs,
} from '@pipeline/journey-domain';
import { BacktestPopulation, backtestPopulation } from '../src/history/backtest-population';
import { OrderHistory } from '../src/history/order-history';
import { orderMessages } from '../src/loader/order-messages';
import { parseOrdersCsv } from '../src/loader/orders-csv';
import { syntheticOrdersCsv } from '../src/loader/synthetic-orders-csv';
import { BacktestOptions } from '../src/options/backtest-options';
import { BacktestSource } from '../src/report/backtest-report';
import { admitOrderRecord } from '../src/replay/order-admission';
import { ReplayTally } from '../src/replay/replay-tally';

export const TRUTH: { readonly bgNbd: BgNbdParams; readonly gammaGamma: GammaGammaParams } = {
  bgNbd: { r: 0.25, alpha: 4, a: 0.8, b: 2.5 },
  gammaGamma: { p: 6, q: 4, v: 15 },
};

const WEEK = unitMs('week');

/** 2024-06-03, a Monday at midnight UTC: model time 0 of the synthetic histories. */
export const ORIGIN = Date.UTC(2024, 5, 3);

/**
 * A synthetic order history (acquired over 12 weeks, 39 weeks of calibration and 39 of holdout) as
 * CSV, the way the loader and the integration test see it.
 */
export function syntheticCsv(customers: number, seed: number, customerPrefix = 'c-'): string {
  const population = generateSyntheticCustomers({
    customers,
    ...TRUTH,
    observationEnd: 78,
    acquisitionWindow: 12,
    random: seededUniform(seed),
  });
  return syntheticOrdersCsv(population, {
    origin: ORIGIN,
    timeUnit: 'week',
    currency: 'EUR',
    customerPrefix,
  });
}

export const SYNTHETIC_OPTIONS: BacktestOptions = {
  topic: 'journey.conversion.v1',
  calibrationEnd: ORIGIN + 39 * WEEK,
  holdoutEnd: ORIGIN + 78 * WEEK,
  timeUnit: 'week',
  currency: 'EUR',
};

/** The backtest population of a synthetic history, read without Kafka: CSV, contract, fold. */
export function offlinePopulation(csv: string): { population: BacktestPopulation; source: BacktestSource } {
  const { messages } = orderMessages(parseOrdersCsv(csv).rows, { defaultCurrency: 'EUR', now: Date.now() });
  const history = new OrderHistory();
  const tally = new ReplayTally();
  messages.forEach((message, i) => {
    const record = {
      partition: 0,
      offset: String(i),
      key: Buffer.from(message.key),
      value: Buffer.from(message.value),
      timestamp: String(Date.now()),
    };
    const admission = admitOrderRecord(record, { stageTopic: 'journey.conversion.v1', currency: 'EUR' });
    tally.count(record, admission);
    if (admission.kind === 'order')
      history.add(admission.event, { topic: 't', partition: 0, offset: String(i) });
  });
  return {
    population: backtestPopulation(history.customers(), SYNTHETIC_OPTIONS),
    source: {
      topic: 'journey.conversion.v1',
      fromOffset: 'earliest',
      partitions: [{ partition: 0, from: '0', to: String(messages.length) }],
      ...tally.counts(),
    },
  };
}
