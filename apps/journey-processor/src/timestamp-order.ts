import { InboundBatch, InboundMessage } from '@pipeline/kafka';

/** One record of a unit in the order it is to be handled, and the batch it came in. */
export interface OrderedRecord {
  readonly batchIndex: number;
  readonly batch: InboundBatch;
  readonly message: InboundMessage;
}

export interface TimestampOrder {
  /** The records to handle now, merged across partitions by broker timestamp. */
  readonly records: readonly OrderedRecord[];
  /** Per batch, the offset of its first record left for a later unit (null: none left). */
  readonly deferredFrom: ReadonlyArray<string | null>;
}

/**
 * Orders the records of a unit the way a single log of all its partitions would hold them: by broker
 * timestamp, ties by topic (in `topicOrder`), then partition, and never out of offset order within a
 * partition. So the order in which a customer's events from different topics are applied does not
 * depend on how fetches cut the topics into units, and a replay applies them as the first run did.
 *
 * A batch that stops short of its partition's end (more records are waiting) bounds what can be
 * handled now: its partition may hold records older than another batch's newer ones. Records newer
 * than the oldest such bound are deferred (the transport fetches them again), as Kafka Streams does
 * when it picks the next record of a task by timestamp. Batches that reach their partition's end
 * bound nothing, so live traffic is never held back. If the bound would leave nothing to do (clocks
 * out of step within a partition), the whole unit is handled in merged order. At most `maxRecords`
 * are taken, the oldest first; the rest is deferred too.
 */
export function timestampOrder(
  batches: readonly InboundBatch[],
  topicOrder: readonly string[],
  maxRecords: number = Number.POSITIVE_INFINITY,
): TimestampOrder {
  // Each record's timestamp parsed once; the merge compares numbers.
  const stamps = batches.map((batch) => batch.messages.map(timestampOf));
  let bound = Number.POSITIVE_INFINITY;
  batches.forEach((batch, index) => {
    const last = batch.messages[batch.messages.length - 1];
    const atEnd = last === undefined || BigInt(last.offset) >= BigInt(batch.highWatermark) - 1n;
    if (!atEnd) bound = Math.min(bound, stamps[index]?.at(-1) ?? bound);
  });
  let takes = stamps.map((times) => prefixUpTo(times, bound));
  if (takes.every((take) => take === 0)) takes = batches.map((batch) => batch.messages.length);

  // Ties go to the earlier topic, then the lower partition: visit batches in that order, keep the first.
  const rankOf = (batch: InboundBatch): number => {
    const position = topicOrder.indexOf(batch.topic);
    return position === -1 ? topicOrder.length : position;
  };
  const visit = batches
    .map((_, index) => index)
    .sort((a, b) => rankOf(batches[a]) - rankOf(batches[b]) || batches[a].partition - batches[b].partition);
  const heads = batches.map(() => 0);
  const records: OrderedRecord[] = [];
  while (records.length < maxRecords) {
    let next = -1;
    let nextTime = Number.POSITIVE_INFINITY;
    for (const index of visit) {
      const head = heads[index] ?? 0;
      if (head >= (takes[index] ?? 0)) continue;
      const time = stamps[index]?.[head] ?? 0;
      if (next === -1 || time < nextTime) {
        next = index;
        nextTime = time;
      }
    }
    if (next === -1) break;
    const batch = batches[next];
    records.push({ batchIndex: next, batch, message: batch.messages[heads[next] ?? 0] });
    heads[next] = (heads[next] ?? 0) + 1;
  }
  // What the merge did not reach (past the bound, or past `maxRecords`) waits for a later unit.
  const deferredFrom = batches.map((batch, index) => batch.messages[heads[index] ?? 0]?.offset ?? null);
  return { records, deferredFrom };
}

/** How many leading records of a partition's batch are at or before `bound`. */
function prefixUpTo(times: readonly number[], bound: number): number {
  let count = 0;
  while (count < times.length && (times[count] ?? 0) <= bound) count += 1;
  return count;
}

function timestampOf(message: InboundMessage): number {
  const time = Number(message.timestamp);
  return Number.isFinite(time) ? time : 0;
}
