import { INBOUND_TOPICS } from '@pipeline/contracts';
import { topicName } from '@pipeline/kafka';
import { JourneySchedulerConfig } from '../journey-scheduler.config';

/** What the backtest endpoint needs from configuration, resolved once at boot. */
export interface BacktestSettings {
  /** The topic prefix: the default topic is the pipeline's conversion topic under it. */
  readonly topicPrefix: string;
  readonly defaultTopic: string;
  /** The pipeline currency the models work in. */
  readonly currency: string;
}

export const BACKTEST_SETTINGS = Symbol('BACKTEST_SETTINGS');

export function backtestSettingsFromConfig(config: JourneySchedulerConfig): BacktestSettings {
  return {
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    defaultTopic: topicName(config.KAFKA_TOPIC_PREFIX, INBOUND_TOPICS.conversion),
    currency: config.PIPELINE_CURRENCY,
  };
}
