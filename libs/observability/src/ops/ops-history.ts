import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { concatMap } from 'rxjs';
import { ConsumerLagMonitor } from '../lag/consumer-lag.monitor';
import type { LagSnapshot } from '../lag/lag-snapshot';
import { PipelineMetrics } from '../metrics/pipeline-metrics';
import type { ResolvedObservabilityOptions } from '../observability-module.options';
import { OBSERVABILITY_OPTIONS } from '../observability.tokens';

/** The state of the pipeline at one lag read. */
export interface HistoryPoint {
  /** Epoch ms. */
  readonly at: number;
  readonly lagTotal: number;
  /** Lag per partition, keyed `<topic>[<partition>]`. */
  readonly lag: Readonly<Record<string, number>>;
  /** Events processed since the process started. */
  readonly processed: number;
  readonly deadLettered: number;
}

/** The last `historyMs` of lag reads with the processed counts at each, for the dashboard. */
@Injectable()
export class OpsHistory implements OnModuleInit {
  private points: HistoryPoint[] = [];

  constructor(
    private readonly monitor: ConsumerLagMonitor,
    private readonly metrics: PipelineMetrics,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ResolvedObservabilityOptions,
  ) {}

  onModuleInit(): void {
    this.monitor.snapshot$.pipe(concatMap((snapshot) => this.record(snapshot))).subscribe();
  }

  get all(): readonly HistoryPoint[] {
    return this.points;
  }

  private async record(snapshot: LagSnapshot): Promise<void> {
    const totals = await this.metrics.totals();
    const point: HistoryPoint = {
      at: snapshot.readAt,
      lagTotal: snapshot.total,
      lag: Object.fromEntries(snapshot.partitions.map((p) => [`${p.topic}[${p.partition}]`, p.lag])),
      processed: sum(Object.values(totals.processed)),
      deadLettered: sum(totals.deadLettered.map((d) => d.count)),
    };
    const oldest = point.at - this.options.historyMs;
    this.points = [...this.points.filter((p) => p.at >= oldest && p.at < point.at), point];
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
