import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { Murmur2Partitioner } from './murmur2.partitioner';
import type { OutboundMessage } from './outbound-message';
import { topicName } from './topic-name';

/**
 * A record batch for one partition must fit the broker's message.max.bytes (1 MiB by default);
 * half of that leaves room for headers and per-record overhead.
 */
const MAX_REQUEST_BYTES = 512 * 1024;
const MAX_REQUEST_RECORDS = 2_000;

function recordBytes(message: OutboundMessage): number {
  let bytes = 64 + (message.key?.length ?? 0) + (message.value?.length ?? 0);
  for (const [name, value] of Object.entries(message.headers ?? {})) bytes += name.length + value.length;
  return bytes;
}

/** Consecutive slices of at most `maxBytes` (a larger single record travels alone) and `maxRecords`. */
export function chunkBySize(
  messages: readonly OutboundMessage[],
  maxBytes: number,
  maxRecords: number,
): OutboundMessage[][] {
  const chunks: OutboundMessage[][] = [];
  let current: OutboundMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = recordBytes(message);
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxRecords)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Options of `KafkaPublisher`. */
export interface KafkaPublisherOptions {
  /** Prepended to every logical topic (default ''). */
  readonly topicPrefix?: string;
  /**
   * How often kafkajs retries a failed send before `publish` rejects (default 5). kafkajs would retry
   * an idempotent producer forever; a finite number hands the failure to the caller, whose batch
   * retry backs off and can stop on shutdown.
   */
  readonly retries?: number;
}

/**
 * Publishes records with one idempotent producer (acks from all in-sync replicas, one request in
 * flight so retries cannot reorder). `publish` resolves once the brokers acknowledged every record
 * and rejects otherwise; the caller retries.
 */
export class KafkaPublisher {
  private readonly producer: Producer;
  private readonly topicPrefix: string;

  constructor(client: Kafka, options: KafkaPublisherOptions = {}) {
    this.topicPrefix = options.topicPrefix ?? '';
    this.producer = client.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // kafkajs's default partitioning with a murmur2 linear in the key's length: a long key cannot
      // freeze the event loop. Explicit, too, so kafkajs does not warn about its v2 default at start.
      createPartitioner: Murmur2Partitioner,
      retry: { retries: options.retries ?? 5 },
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /**
   * Sends the records grouped by topic, in as few requests as the broker's size limit allows, one
   * after another so per-partition order is kept; resolves when all are acknowledged.
   */
  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    for (const chunk of chunkBySize(messages, MAX_REQUEST_BYTES, MAX_REQUEST_RECORDS)) {
      await this.producer.sendBatch({ acks: -1, topicMessages: this.groupByTopic(chunk) });
    }
  }

  private groupByTopic(messages: readonly OutboundMessage[]): TopicMessages[] {
    const byTopic = new Map<string, Message[]>();
    for (const { topic, key, value, headers } of messages) {
      const physical = topicName(this.topicPrefix, topic);
      const records = byTopic.get(physical) ?? [];
      records.push({ key, value, ...(headers ? { headers: { ...headers } } : {}) });
      byTopic.set(physical, records);
    }
    return [...byTopic].map(([topic, records]) => ({ topic, messages: records }));
  }
}
