import { Murmur2Partitioner } from '@pipeline/kafka';
import type { IHeaders, Kafka, Message, Producer } from 'kafkajs';
import type { ReplayRecord } from './replay-plan';

const MAX_REQUEST_BYTES = 512 * 1024;
const MAX_REQUEST_RECORDS = 500;

/**
 * Kafka headers from a header list: repeated names become arrays, in order. kafkajs writes a null
 * value as a null header value, though its types only admit bytes and strings.
 */
export function kafkaHeaders(headers: ReplayRecord['headers']): IHeaders {
  const byName = new Map<string, Array<Buffer | null>>();
  for (const { name, value } of headers) byName.set(name, [...(byName.get(name) ?? []), value]);
  return Object.fromEntries(
    [...byName].map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
  ) as IHeaders;
}

const sizeOf = (r: ReplayRecord): number =>
  64 +
  (r.key?.length ?? 0) +
  (r.value?.length ?? 0) +
  r.headers.reduce((s, h) => s + h.name.length + (h.value?.length ?? 0), 0);

/**
 * Publishes replayed originals byte for byte (key, value, headers, timestamp) to the partition they
 * were read from, with an idempotent producer, acknowledged by all in-sync replicas, in order.
 */
export class ReplayPublisher {
  private readonly producer: Producer;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Murmur2Partitioner,
      retry: { retries: 5 },
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  /** Resolves once the broker has acknowledged every record. */
  async send(records: readonly ReplayRecord[]): Promise<void> {
    let chunk: ReplayRecord[] = [];
    let bytes = 0;
    for (const record of records) {
      if (
        chunk.length > 0 &&
        (bytes + sizeOf(record) > MAX_REQUEST_BYTES || chunk.length >= MAX_REQUEST_RECORDS)
      ) {
        await this.sendChunk(chunk);
        chunk = [];
        bytes = 0;
      }
      chunk.push(record);
      bytes += sizeOf(record);
    }
    if (chunk.length > 0) await this.sendChunk(chunk);
  }

  private async sendChunk(records: readonly ReplayRecord[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const r of records) {
      const messages = byTopic.get(r.topic) ?? [];
      messages.push({
        partition: r.partition,
        key: r.key,
        value: r.value,
        headers: kafkaHeaders(r.headers),
        timestamp: r.timestamp,
      });
      byTopic.set(r.topic, messages);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}
