import {
  BacktestReport,
  BacktestRequest,
  parseBacktestRequest,
  readChartJsBundle,
  renderBacktestHtml,
  runBacktest,
} from '@pipeline/backtest';
import { KAFKA_CLIENT } from '@pipeline/kafka';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { BacktestBusyError } from './backtest-busy.error';
import { BACKTEST_SETTINGS, BacktestSettings } from './backtest-settings';

/**
 * Backtests the CLV models against the Kafka log on request, one backtest at a time per instance:
 * the same `runBacktest` as `npm run backtest`, with this service's topic prefix and currency.
 */
@Injectable()
export class BacktestService {
  private readonly logger = new Logger(BacktestService.name);
  private running = false;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(BACKTEST_SETTINGS) private readonly settings: BacktestSettings,
  ) {}

  async report(request: BacktestRequest): Promise<BacktestReport> {
    if (this.running) throw new BacktestBusyError();
    const options = parseBacktestRequest(request, {
      topic: this.settings.defaultTopic,
      currency: this.settings.currency,
      now: Date.now(),
    });
    this.running = true;
    try {
      const report = await runBacktest(this.kafka, options, { topicPrefix: this.settings.topicPrefix });
      this.logger.log(
        `backtest of ${report.source.topic}: ${report.population.customers} customers, ` +
          `fit in ${report.timings.fitMs.bgNbd + report.timings.fitMs.gammaGamma} ms ` +
          `(Pareto/NBD ${report.timings.fitMs.paretoNbd} ms), total ${report.timings.totalMs} ms`,
      );
      return report;
    } finally {
      this.running = false;
    }
  }

  async html(request: BacktestRequest): Promise<string> {
    return renderBacktestHtml(await this.report(request), readChartJsBundle());
  }
}
