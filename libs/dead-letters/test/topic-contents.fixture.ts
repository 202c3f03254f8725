import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** One record as it sits in the topic: raw bytes, headers as received. */
export interface StoredRecord {
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Array<{ name: string; value: Buffer | null }>;
}

/** Every record of a topic (named as the broker names it), from the beginning to its current end. */
export async function topicContents(
  kafka: Kafka,
  topic: string,
  timeoutMs = 30_000,
): Promise<StoredRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((sum, e) => sum + Number(e.high) - Number(e.low), 0);
  const records: StoredRecord[] = [];
  if (total === 0) return records;
  const consumer = kafka.consumer({ groupId: `contents-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${records.length}/${total} of ${topic}`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: ({ partition, message }) => {
          const headers = Object.entries(message.headers ?? {}).flatMap(([name, value]) =>
            (Array.isArray(value) ? value : [value]).map((v) => ({
              name,
              value: v === undefined || v === null ? null : Buffer.from(v),
            })),
          );
          records.push({
            partition,
            offset: message.offset,
            timestamp: message.timestamp,
            key: message.key,
            value: message.value,
            headers,
          });
          if (records.length >= total) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}
