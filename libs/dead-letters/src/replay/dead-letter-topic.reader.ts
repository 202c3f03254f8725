import { Logger, type LoggerService } from '@nestjs/common';
import { DEAD_LETTER_HEADERS } from '@pipeline/contracts';
import type { EachBatchPayload, IHeaders, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** One record of the dead-letter topic, as replay reads it. */
export interface DeadLetterTopicRecord {
  readonly partition: number;
  readonly offset: string;
  /** When the dead letter was written, epoch ms. */
  readonly timestamp: number;
  /** The `dlq-reason-code` header, when present. */
  readonly reasonCode: string | undefined;
  readonly value: Buffer | null;
}

/** Options of {@link DeadLetterTopicReader}. */
export interface DeadLetterTopicReaderOptions {
  /** Give up when no record arrives for this long while some are still expected (30 s). */
  readonly idleTimeoutMs?: number;
  readonly logger?: LoggerService;
}

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last === undefined ? undefined : String(last);
}

/**
 * Reads the dead-letter topic from a point in time to its end as it was when the read began, in
 * offset order per partition, handing over one fetched batch at a time and waiting for its handler
 * (so memory stays bounded by a batch). It joins a throwaway consumer group that commits nothing,
 * and deletes the group when done.
 */
export class DeadLetterTopicReader {
  private readonly idleTimeoutMs: number;
  private readonly logger: LoggerService;

  /** @param topic the dead-letter topic as the broker names it (topic prefix included) */
  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    options: DeadLetterTopicReaderOptions = {},
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.logger = options.logger ?? new Logger(DeadLetterTopicReader.name);
  }

  /**
   * Calls `onBatch` with every record written at or after `sinceMs` (by the broker's offset-for-time
   * index) up to the end offsets read at the start; resolves when all were handled, rejects with the
   * first error of `onBatch` or when the read stalls.
   */
  async read(sinceMs: number, onBatch: (records: DeadLetterTopicRecord[]) => Promise<void>): Promise<void> {
    const ranges = await this.ranges(sinceMs);
    if (ranges.size === 0) return;
    const groupId = `dlq-replay-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        let failed = false;
        let idle: NodeJS.Timeout;
        const fail = (error: unknown) => {
          failed = true;
          clearTimeout(idle);
          reject(error instanceof Error ? error : new Error(String(error)));
        };
        const stillIdle = () => {
          clearTimeout(idle);
          idle = setTimeout(
            () =>
              fail(
                new Error(`reading ${this.topic} stalled; partitions left: ${[...ranges.keys()].join(', ')}`),
              ),
            this.idleTimeoutMs,
          );
        };
        stillIdle();
        const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
          const { batch } = payload;
          const range = ranges.get(batch.partition);
          if (failed || range === undefined) return;
          stillIdle();
          const records = batch.messages
            .filter((m) => BigInt(m.offset) >= range.start && BigInt(m.offset) < range.end)
            .map((m): DeadLetterTopicRecord => ({
              partition: batch.partition,
              offset: m.offset,
              timestamp: Number(m.timestamp),
              reasonCode: headerText(m.headers, DEAD_LETTER_HEADERS.reasonCode),
              value: m.value,
            }));
          try {
            if (records.length > 0) await onBatch(records);
            await payload.heartbeat();
          } catch (error) {
            return fail(error);
          }
          if (BigInt(batch.lastOffset()) + 1n >= range.end) ranges.delete(batch.partition);
          if (ranges.size === 0) {
            clearTimeout(idle);
            resolve();
          }
        };
        consumer.run({ autoCommit: false, eachBatch }).catch(fail);
        for (const [partition, { start }] of ranges)
          consumer.seek({ topic: this.topic, partition, offset: start.toString() });
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await this.deleteGroup(groupId);
    }
  }

  /**
   * Per partition with something to read: the first offset at or after `sinceMs`, and the end. None
   * when the topic does not exist (nothing was ever dead-lettered).
   */
  private async ranges(sinceMs: number): Promise<Map<number, { start: bigint; end: bigint }>> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      if (!(await admin.listTopics()).includes(this.topic)) return new Map();
      const ends = await admin.fetchTopicOffsets(this.topic);
      const starts = await admin.fetchTopicOffsetsByTimestamp(this.topic, sinceMs);
      const ranges = new Map<number, { start: bigint; end: bigint }>();
      for (const { partition, high } of ends) {
        const start = BigInt(starts.find((s) => s.partition === partition)?.offset ?? high);
        if (start < BigInt(high)) ranges.set(partition, { start, end: BigInt(high) });
      }
      return ranges;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async deleteGroup(groupId: string): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([groupId]);
    } catch (error) {
      this.logger.warn(
        `could not delete the reader's consumer group ${groupId}: ${(error as Error).message}`,
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
