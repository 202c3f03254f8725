/** The lag of one consumer group on one partition, as kafka-consumer-groups.sh and kafka-exporter report it. */
export interface PartitionLag {
  readonly group: string;
  /** Physical topic name (with any prefix). */
  readonly topic: string;
  readonly partition: number;
  /** The next offset the group will read (kafkajs commits `offset + 1`); null when it committed none. */
  readonly committed: string | null;
  /** Log start offset (low watermark). */
  readonly start: string;
  /** Log end offset (high watermark): the offset the next appended record gets. */
  readonly end: string;
  /** Records the group still has to read: end - max(committed, start), never negative. */
  readonly lag: number;
}

/** What kafkajs admin `fetchTopicOffsets` returns for one partition. */
export interface WatermarkOffsets {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/** What kafkajs admin `fetchOffsets` returns for one partition; `-1` means none committed. */
export interface CommittedOffset {
  readonly partition: number;
  readonly offset: string;
}

/**
 * Lag per partition of `topic` for `group`. A partition without a committed offset counts from the log
 * start: that is where a group reading from the beginning starts. A committed offset below the log start
 * (retention deleted records the group never read) also counts from the log start, since those records
 * can no longer be read.
 */
export function partitionLags(
  group: string,
  topic: string,
  watermarks: readonly WatermarkOffsets[],
  committed: readonly CommittedOffset[],
): PartitionLag[] {
  const committedBy = new Map(committed.map((c) => [c.partition, c.offset]));
  return [...watermarks]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, low, high }) => {
      const raw = committedBy.get(partition);
      const hasCommit = raw !== undefined && BigInt(raw) >= 0n;
      const position = hasCommit && BigInt(raw) > BigInt(low) ? BigInt(raw) : BigInt(low);
      const lag = BigInt(high) - position;
      return {
        group,
        topic,
        partition,
        committed: hasCommit ? raw : null,
        start: low,
        end: high,
        lag: lag > 0n ? Number(lag) : 0,
      };
    });
}

/** Offset of the oldest record the group has yet to read: where its lag starts. */
export function nextToRead(lag: PartitionLag): string {
  return lag.committed !== null && BigInt(lag.committed) > BigInt(lag.start) ? lag.committed : lag.start;
}

/** Sum of lag per group and topic, in first-seen order. */
export function lagByTopic(
  lags: readonly PartitionLag[],
): Array<{ group: string; topic: string; lag: number }> {
  const sums = new Map<string, { group: string; topic: string; lag: number }>();
  for (const { group, topic, lag } of lags) {
    const key = `${group}\u0000${topic}`;
    const sum = sums.get(key) ?? { group, topic, lag: 0 };
    sums.set(key, { ...sum, lag: sum.lag + lag });
  }
  return [...sums.values()];
}

/** Total lag over every partition given. */
export function totalLag(lags: readonly PartitionLag[]): number {
  return lags.reduce((sum, { lag }) => sum + lag, 0);
}
