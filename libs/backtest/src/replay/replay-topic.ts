import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { BacktestError } from '../backtest.error';
import { ReplayedRecord } from './order-admission';

/** What to replay. */
export interface ReplayTopicOptions {
  /** The physical topic. */
  readonly topic: string;
  /** Applied to every partition; undefined: each partition's earliest offset. */
  readonly fromOffset?: string;
  /** Give up when no record arrives for this long while partitions remain (default 30000 ms). */
  readonly idleTimeoutMs?: number;
}

/** The offsets one partition was replayed over: [from, to), `to` being its end offset at the start. */
export interface ReplayedPartition {
  readonly partition: number;
  readonly from: string;
  readonly to: string;
}

export interface ReplaySummary {
  readonly topic: string;
  readonly partitions: readonly ReplayedPartition[];
  readonly records: number;
  /** The throwaway consumer group that read the log (deleted afterwards; it never commits). */
  readonly groupId: string;
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

function maxOffset(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}

/** Where each partition starts and ends: from max(fromOffset, log start), to the end offset now. */
async function replayRange(admin: Admin, topic: string, fromOffset?: string): Promise<ReplayedPartition[]> {
  const existing = await admin.listTopics();
  if (!existing.includes(topic)) throw new BacktestError('TOPIC_NOT_FOUND', `topic ${topic} does not exist`);
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets
    .map(({ partition, low, high }) => ({
      partition,
      from: fromOffset === undefined ? low : maxOffset(fromOffset, low),
      to: high,
    }))
    .sort((a, b) => a.partition - b.partition);
}

/**
 * Reads one topic from the Kafka log, from `fromOffset` (default earliest) up to the end offsets it
 * finds when it starts, handing every record to `onRecord` in partition order. It reads as a
 * throwaway consumer group that never commits an offset, and deletes the group when done, so no
 * consumer of the pipeline is affected and a rerun reads the same records. Records appended after the
 * start are not read. `onRecord` runs synchronously per record; a throw stops the replay.
 */
export async function replayTopic(
  kafka: Kafka,
  options: ReplayTopicOptions,
  onRecord: (record: ReplayedRecord) => void,
): Promise<ReplaySummary> {
  const { topic } = options;
  const groupId = `backtest-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const partitions = await replayRange(admin, topic, options.fromOffset);
    const pending = partitions.filter((p) => BigInt(p.from) < BigInt(p.to));
    let records = 0;
    if (pending.length > 0) {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
      try {
        records = await readRanges(
          consumer,
          topic,
          pending,
          options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
          onRecord,
        );
      } finally {
        await consumer.disconnect();
        // The group never committed; deleting it leaves nothing behind. A failure here is harmless.
        await admin.deleteGroups([groupId]).catch(() => undefined);
      }
    }
    return { topic, partitions, records, groupId };
  } finally {
    await admin.disconnect();
  }
}

async function readRanges(
  consumer: Consumer,
  topic: string,
  ranges: readonly ReplayedPartition[],
  idleTimeoutMs: number,
  onRecord: (record: ReplayedRecord) => void,
): Promise<number> {
  const from = new Map(ranges.map((r) => [r.partition, BigInt(r.from)]));
  const end = new Map(ranges.map((r) => [r.partition, BigInt(r.to)]));
  const next = new Map(from);
  let records = 0;
  let lastProgress = Date.now();
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A crash may reject `done` before it is awaited below; that is handled there, not unhandled here.
  done.catch(() => undefined);
  const remaining = (): number[] =>
    [...end].filter(([partition, to]) => (next.get(partition) ?? to) < to).map(([partition]) => partition);

  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const crashed = consumer.on(consumer.events.CRASH, (event) => settle?.reject(event.payload.error));
  await consumer.run({
    autoCommit: false,
    eachBatch: async (payload) => {
      const { batch } = payload;
      const { partition } = batch;
      const start = from.get(partition);
      const stop = end.get(partition);
      if (start === undefined || stop === undefined) return;
      try {
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          // Before a seek takes effect the group may start at the log start; after the end is new data.
          if (offset < start || offset >= stop) continue;
          onRecord({
            partition,
            offset: message.offset,
            key: message.key,
            value: message.value,
            timestamp: message.timestamp,
          });
          records += 1;
        }
      } catch (error: unknown) {
        // Not rethrown: kafkajs would retry the batch; the replay stops instead.
        payload.pause();
        settle?.reject(error);
        return;
      }
      const position = BigInt(batch.lastOffset()) + 1n;
      if (position > (next.get(partition) ?? 0n)) next.set(partition, position);
      lastProgress = Date.now();
      if ((next.get(partition) ?? 0n) >= stop) payload.pause();
      if (remaining().length === 0) settle?.resolve();
      await payload.heartbeat();
    },
  });
  for (const { partition, from: offset } of ranges) consumer.seek({ topic, partition, offset });

  const watchdog = setInterval(
    () => {
      if (Date.now() - lastProgress < idleTimeoutMs) return;
      const stalled = remaining().map((p) => `partition ${p} at ${next.get(p)} of ${end.get(p)}`);
      settle?.reject(
        new BacktestError('REPLAY_STALLED', `no records for ${idleTimeoutMs} ms: ${stalled.join(', ')}`),
      );
    },
    Math.min(1_000, idleTimeoutMs),
  );
  try {
    await done;
  } finally {
    clearInterval(watchdog);
    crashed();
  }
  return records;
}
