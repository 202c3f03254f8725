import type { PartitionLag } from './partition-lag';

/** A partition's lag in records and in time. */
export interface TimedPartitionLag extends PartitionLag {
  /** Estimated age of the oldest unread record (0 without lag); see `AppendTimeEstimator`. */
  readonly lagSeconds: number;
}

/** One read of the watched consumer group's lag. */
export interface LagSnapshot {
  /** Epoch ms of the read. */
  readonly readAt: number;
  readonly group: string;
  readonly partitions: readonly TimedPartitionLag[];
  readonly total: number;
}
