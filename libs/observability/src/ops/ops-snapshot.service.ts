import { Injectable } from '@nestjs/common';
import { ConsumerGroupWatch } from '../consumer/consumer-group.watch';
import { ConsumerLagMonitor } from '../lag/consumer-lag.monitor';
import type { LagSnapshot } from '../lag/lag-snapshot';
import { PipelineMetrics } from '../metrics/pipeline-metrics';
import { OpsHistory } from './ops-history';
import type { OpsSnapshot } from './ops-snapshot';
import { ratesBetween } from './rates';

/** Assembles the ops snapshot from the lag monitor, the consumer watch and the pipeline counters. */
@Injectable()
export class OpsSnapshotService {
  constructor(
    private readonly monitor: ConsumerLagMonitor,
    private readonly watch: ConsumerGroupWatch,
    private readonly metrics: PipelineMetrics,
    private readonly history: OpsHistory,
  ) {}

  async snapshot(): Promise<OpsSnapshot> {
    let lag: LagSnapshot | undefined;
    let lagError: string | null = null;
    try {
      lag = await this.monitor.current();
    } catch (error) {
      lag = this.monitor.last;
      lagError = error instanceof Error ? error.message : String(error);
    }
    const consumer = this.watch.consumer;
    const { state, rebalancing } = this.watch.membership;
    const history = this.history.all;
    return {
      generatedAt: new Date().toISOString(),
      consumer: consumer ? { group: consumer.group, state, rebalancing } : null,
      lag: lag
        ? { readAt: new Date(lag.readAt).toISOString(), total: lag.total, partitions: lag.partitions }
        : null,
      lagError,
      totals: await this.metrics.totals(),
      history,
      throughput: ratesBetween(history.map((p) => ({ at: p.at, total: p.processed }))),
    };
  }
}
