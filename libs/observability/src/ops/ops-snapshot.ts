import type { MembershipState } from '../consumer/consumer-membership';
import type { TimedPartitionLag } from '../lag/lag-snapshot';
import type { PipelineTotals } from '../metrics/pipeline-metrics';
import type { HistoryPoint } from './ops-history';

/** `GET /ops/snapshot`: what the dashboard draws. Times are epoch ms unless named ISO. */
export interface OpsSnapshot {
  readonly generatedAt: string;
  readonly consumer: {
    readonly group: string;
    readonly state: MembershipState;
    readonly rebalancing: boolean;
  } | null;
  readonly lag: {
    readonly readAt: string;
    readonly total: number;
    readonly partitions: readonly TimedPartitionLag[];
  } | null;
  /** Why `lag` is null or stale, when Kafka could not be read. */
  readonly lagError: string | null;
  readonly totals: PipelineTotals;
  readonly history: readonly HistoryPoint[];
  /** Events processed per second between consecutive history points. */
  readonly throughput: ReadonlyArray<{ readonly at: number; readonly perSecond: number }>;
}
