import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ConsumerLagMonitor } from '../lag/consumer-lag.monitor';
import type { ResolvedObservabilityOptions } from '../observability-module.options';
import { OBSERVABILITY_OPTIONS } from '../observability.tokens';
import { PROBE_TIMEOUT_MS } from './probe-timeout';
import { withTimeout } from './with-timeout';

/**
 * Lag never makes the app unready (a backlog is work to do, not a fault, and an unready consumer
 * would only get further behind): above `readyLagThreshold` it is reported `degraded`.
 */
@Injectable()
export class ConsumerLagHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly monitor: ConsumerLagMonitor,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ResolvedObservabilityOptions,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const threshold = this.options.readyLagThreshold;
    try {
      const snapshot = await withTimeout(this.monitor.current(), PROBE_TIMEOUT_MS, 'consumer lag read');
      const total = snapshot?.total ?? 0;
      return indicator.up({ degraded: total > threshold, total, threshold });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return indicator.up({ degraded: true, total: null, threshold, message: `lag unknown: ${message}` });
    }
  }
}
