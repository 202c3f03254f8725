import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type { KafkaConnectionOptions } from '@pipeline/kafka';

/** Brokers of the integration environment (filled in by the jest global setup). */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the "integration" jest project');
  return brokers.split(',').map((broker) => broker.trim());
}

/** A suffix no other test run or test case shares. */
export function uniqueSuffix(): string {
  return `${process.env.PIPELINE_TEST_RUN_ID ?? 'local'}-${randomUUID().slice(0, 8)}`;
}

export function testConnection(clientId: string): KafkaConnectionOptions {
  return { brokers: testBrokers(), clientId, connectionTimeout: 3_000, requestTimeout: 10_000 };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Committed offsets of a group on one topic, by partition; '-1' where nothing is committed. */
export async function committedOffsets(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<Record<number, string>> {
  const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const offsets: Record<number, string> = {};
  for (const { partition, offset } of result?.partitions ?? []) offsets[partition] = offset;
  return offsets;
}
