import { ConsumerLagReader, PartitionLag, totalLag } from '@pipeline/observability';

/** The lag of one group on every partition of the topics it consumes. */
export interface GroupLag {
  readonly group: string;
  readonly partitions: readonly PartitionLag[];
  readonly total: number;
}

/** What one run of the lag CLI reads. */
export interface LagReport {
  readonly readAt: Date;
  readonly groups: readonly GroupLag[];
  readonly total: number;
}

/**
 * Reads the lag of each group on the topics it consumes (committed offsets and member assignments,
 * only names starting with `prefix`), sorted by topic and partition.
 */
export async function readLagReport(
  reader: ConsumerLagReader,
  groups: readonly string[],
  prefix: string,
  now: () => Date = () => new Date(),
): Promise<LagReport> {
  const read: GroupLag[] = [];
  for (const group of groups) {
    const topics = await reader.topicsOf(group, prefix);
    const partitions = await reader.read(group, topics);
    read.push({ group, partitions, total: totalLag(partitions) });
  }
  return { readAt: now(), groups: read, total: read.reduce((sum, g) => sum + g.total, 0) };
}
