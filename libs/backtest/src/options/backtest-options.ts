import { TimeUnit } from '@pipeline/journey-domain';

/** The time unit every backtest output is stated in unless another is asked for. */
export const DEFAULT_BACKTEST_TIME_UNIT: TimeUnit = 'week';

/** A validated backtest: what to replay, where to cut it, and in which unit to model it. */
export interface BacktestOptions {
  /** The physical Kafka topic to replay (prefix included). */
  readonly topic: string;
  /**
   * The offset each partition is replayed from; undefined means each partition's earliest offset. An
   * offset below a partition's log start is raised to it.
   */
  readonly fromOffset?: string;
  /**
   * End of the calibration period, epoch ms, inclusive: orders placed at or before it are calibration
   * orders; T is measured to its UTC day. A bare date arrives here as its day's last millisecond.
   */
  readonly calibrationEnd: number;
  /** End of the holdout period (calibrationEnd, holdoutEnd], epoch ms. */
  readonly holdoutEnd: number;
  readonly timeUnit: TimeUnit;
  /** The pipeline currency: orders and refunds in other currencies are counted and left out. */
  readonly currency: string;
}
