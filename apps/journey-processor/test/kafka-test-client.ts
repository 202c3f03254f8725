import { EnvelopeOf, EventType, INBOUND_TOPICS, stageOfEventType } from '@pipeline/contracts';
import { Admin, Kafka, Message, Producer, logLevel } from 'kafkajs';
import { Murmur2Partitioner } from '@pipeline/kafka';

export interface RawRecord {
  readonly topic: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  /** Broker timestamp (CreateTime), epoch ms; the producer's clock when absent. */
  readonly timestamp?: number;
  /** Record headers, raw bytes or text. */
  readonly headers?: Readonly<Record<string, Buffer | string>>;
}

/**
 * The storefront and observer side of the end-to-end tests: publishes to prefixed topics, waits for
 * a consumer group to catch up, and reads derived topics back.
 */
export class KafkaTestClient {
  readonly kafka: Kafka;
  private producer?: Producer;
  private admin?: Admin;

  constructor(
    brokers: readonly string[],
    private readonly topicPrefix: string,
  ) {
    this.kafka = new Kafka({
      clientId: `test-${topicPrefix}`,
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
    });
  }

  topic(logical: string): string {
    return `${this.topicPrefix}${logical}`;
  }

  async publishEnvelopes(envelopes: ReadonlyArray<EnvelopeOf<EventType>>): Promise<void> {
    await this.publishRaw(
      envelopes.map((e) => ({
        topic: INBOUND_TOPICS[stageOfEventType(e.type)],
        key: e.customerId,
        value: JSON.stringify(e),
      })),
    );
  }

  /**
   * Publishes in order, in chunks (or one record per request, so each is a record batch of its own),
   * acknowledged by the broker. Topics are logical names.
   */
  async publishRaw(records: readonly RawRecord[], { perRequest = 500 } = {}): Promise<void> {
    this.producer ??= this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Murmur2Partitioner,
    });
    await this.producer.connect();
    for (let i = 0; i < records.length; i += perRequest) {
      const byTopic = new Map<string, Message[]>();
      for (const r of records.slice(i, i + perRequest)) {
        const list = byTopic.get(this.topic(r.topic)) ?? [];
        list.push({
          key: r.key,
          value: r.value,
          ...(r.timestamp !== undefined && { timestamp: String(r.timestamp) }),
          ...(r.headers && { headers: { ...r.headers } }),
        });
        byTopic.set(this.topic(r.topic), list);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    }
  }

  private async adminClient(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  /** Messages not yet committed by the group, summed over the given logical topics. */
  async lag(groupId: string, logicalTopics: readonly string[]): Promise<number> {
    const admin = await this.adminClient();
    let lag = 0;
    for (const logical of logicalTopics) {
      const topic = this.topic(logical);
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const end of ends) {
        const c = committed?.partitions.find((p) => p.partition === end.partition);
        const done = c && Number(c.offset) >= 0 ? Number(c.offset) : Number(end.low);
        lag += Number(end.high) - done;
      }
    }
    return lag;
  }

  /** Resolves once the group has committed everything published so far. */
  async waitForCatchUp(
    groupId: string,
    logicalTopics: readonly string[],
    timeoutMs = 120_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lag = Number.NaN;
    while (Date.now() < deadline) {
      try {
        lag = await this.lag(groupId, logicalTopics);
        if (lag === 0) return;
      } catch (error) {
        // Right after topic creation a partition may have no leader yet: ask again.
        if (!/leader|coordinator/i.test((error as Error).message)) throw error;
      }
      await sleep(250);
    }
    throw new Error(`group ${groupId} still ${lag} messages behind after ${timeoutMs} ms`);
  }

  /** Every record on a logical topic from the beginning to its current end. */
  async readAll(
    logical: string,
  ): Promise<Array<{ key: string | null; value: Buffer | null; headers: Record<string, string> }>> {
    const admin = await this.adminClient();
    const topic = this.topic(logical);
    const ends = await admin.fetchTopicOffsets(topic);
    const total = ends.reduce((sum, e) => sum + Number(e.high) - Number(e.low), 0);
    const records: Array<{ key: string | null; value: Buffer | null; headers: Record<string, string> }> = [];
    if (total === 0) return records;
    const consumer = this.kafka.consumer({
      groupId: `reader-${topic}-${Date.now()}-${Math.random()}`,
      maxWaitTimeInMs: 200,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${records.length}/${total} of ${topic}`)),
        60_000,
      );
      void consumer.run({
        eachMessage: ({ message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {}))
            if (v !== undefined) headers[k] = String(v);
          records.push({ key: message.key?.toString() ?? null, value: message.value, headers });
          if (records.length >= total) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
    await consumer.disconnect();
    return records;
  }

  /**
   * Every record still on a logical topic, from the earliest offset to the current end of each
   * partition, with its offset: what a new consumer bootstrapping from offset 0 gets. Unlike
   * `readAll` it stops at the end offsets, not at a record count, so it reads compacted topics too
   * (compaction leaves gaps in the offsets).
   */
  async readToEnd(
    logical: string,
  ): Promise<Array<{ partition: number; offset: number; key: string | null; value: Buffer | null }>> {
    const admin = await this.adminClient();
    const topic = this.topic(logical);
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Set(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => e.partition));
    const lastOffset = new Map(ends.map((e) => [e.partition, Number(e.high) - 1]));
    const records: Array<{ partition: number; offset: number; key: string | null; value: Buffer | null }> =
      [];
    if (remaining.size === 0) return records;
    const consumer = this.kafka.consumer({
      groupId: `bootstrap-${topic}-${Date.now()}-${Math.random()}`,
      maxWaitTimeInMs: 200,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${records.length} records of ${topic}`)), 60_000);
      void consumer.run({
        eachMessage: ({ partition, message }) => {
          const offset = Number(message.offset);
          if (offset <= (lastOffset.get(partition) ?? -1)) {
            records.push({ partition, offset, key: message.key?.toString() ?? null, value: message.value });
          }
          if (offset >= (lastOffset.get(partition) ?? -1)) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
    await consumer.disconnect();
    return records;
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    await this.admin?.disconnect();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
