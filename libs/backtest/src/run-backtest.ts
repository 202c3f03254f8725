import { stageOfTopic } from '@pipeline/contracts';
import { logicalTopic } from '@pipeline/kafka';
import type { Kafka } from 'kafkajs';
import { performance } from 'node:perf_hooks';
import { backtestPopulation } from './history/backtest-population';
import { OrderHistory } from './history/order-history';
import { BacktestOptions } from './options/backtest-options';
import { BacktestReport, buildBacktestReport } from './report/backtest-report';
import { fitBacktestModels } from './report/fit-models';
import { admitOrderRecord } from './replay/order-admission';
import { ReplayTally } from './replay/replay-tally';
import { replayTopic } from './replay/replay-topic';

/** How the replayed topic relates to the pipeline's. */
export interface BacktestContext {
  /** The configured topic prefix: a topic `prefix + journey.conversion.v1` is checked as that stage. */
  readonly topicPrefix: string;
  /** Tolerated lead of event time over the broker timestamp (the processor's MAX_FUTURE_SKEW_MS). */
  readonly maxFutureSkewMs?: number;
  /** Give up when the replay receives nothing for this long (default 30 s). */
  readonly idleTimeoutMs?: number;
  /** Defaults to the wall clock; the report's `generatedAt`. */
  readonly now?: () => Date;
}

/**
 * Backtests the CLV models against the Kafka log: replays the conversion topic (not Redis) from the
 * requested offset up to its end offsets at the start, folds the orders, refunds and cancellations
 * in the pipeline currency into journey states with the journey domain, summarises the calibration
 * cohort as of calibrationEnd, fits BG/NBD and Gamma-Gamma with the scheduled refit's fitter, and
 * scores the predictions against the holdout (calibrationEnd, holdoutEnd].
 */
export async function runBacktest(
  kafka: Kafka,
  options: BacktestOptions,
  context: BacktestContext,
): Promise<BacktestReport> {
  const started = performance.now();
  const logical = logicalTopic(context.topicPrefix, options.topic);
  const stageTopic = logical !== undefined && stageOfTopic(logical) !== undefined ? logical : undefined;
  const history = new OrderHistory();
  const tally = new ReplayTally();
  const replay = await replayTopic(
    kafka,
    { topic: options.topic, fromOffset: options.fromOffset, idleTimeoutMs: context.idleTimeoutMs },
    (record) => {
      const admission = admitOrderRecord(record, {
        stageTopic,
        currency: options.currency,
        maxFutureSkewMs: context.maxFutureSkewMs,
      });
      tally.count(record, admission);
      if (admission.kind === 'order') {
        history.add(admission.event, {
          topic: options.topic,
          partition: record.partition,
          offset: record.offset,
        });
      }
    },
  );
  const replayed = performance.now();
  const population = backtestPopulation(history.customers(), {
    currency: options.currency,
    timeUnit: options.timeUnit,
    calibrationEnd: options.calibrationEnd,
    holdoutEnd: options.holdoutEnd,
  });
  const summarized = performance.now();
  const counts = tally.counts();
  const models = fitBacktestModels(
    population.customers.map((customer) => customer.calibration),
    { currency: options.currency, otherCurrencies: counts.otherCurrencies },
  );
  const fitted = performance.now();
  const findings = buildBacktestReport({
    options,
    source: {
      topic: replay.topic,
      fromOffset: options.fromOffset ?? 'earliest',
      partitions: replay.partitions,
      ...counts,
    },
    population,
    models,
    generatedAt: (context.now ?? (() => new Date()))(),
  });
  const done = performance.now();
  const ms = (value: number): number => Math.round(value);
  return {
    ...findings,
    timings: {
      replayMs: ms(replayed - started),
      summarizeMs: ms(summarized - replayed),
      fitMs: {
        bgNbd: ms(models.fitMs.bgNbd),
        gammaGamma: ms(models.fitMs.gammaGamma),
        paretoNbd: ms(models.fitMs.paretoNbd),
      },
      reportMs: ms(done - fitted),
      totalMs: ms(done - started),
    },
  };
}
