import { Partitioners, type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import type { OutboundMessage } from './outbound-message';
import { topicName } from './topic-name';

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
      // Explicit, so kafkajs does not warn about its v2 default-partitioner change at every start.
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: options.retries ?? 5 },
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Sends all records in one request batch, grouped by topic; resolves when all are acknowledged. */
  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.sendBatch({ acks: -1, topicMessages: this.groupByTopic(messages) });
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
