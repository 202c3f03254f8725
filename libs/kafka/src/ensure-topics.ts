import type { Admin, Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { topicName } from './topic-name';

/** Layout of topics `ensureTopics` creates; existing topics are left as they are. */
export interface EnsureTopicsOptions {
  readonly partitions: number;
  readonly replicationFactor: number;
  /** How long to wait for the topics to appear in metadata (default 30000 ms). */
  readonly timeoutMs?: number;
  /**
   * Topic-level configs by logical topic, applied when the topic is created (e.g.
   * `cleanup.policy=compact`). A topic that already exists keeps the configs it has.
   */
  readonly configs?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const METADATA_POLL_MS = 200;

/**
 * Creates the missing topics among `prefix + logical`, then waits until broker metadata lists every
 * one of them with a leader for each partition. Idempotent: another process creating the same topic
 * at the same time is not an error.
 */
export async function ensureTopics(
  client: Kafka,
  prefix: string,
  logicalTopics: readonly string[],
  { partitions, replicationFactor, timeoutMs = 30_000, configs = {} }: EnsureTopicsOptions,
): Promise<void> {
  const wanted = [...new Set(logicalTopics.map((topic) => topicName(prefix, topic)))];
  const configsOf = new Map(
    Object.entries(configs).map(([logical, entries]) => [topicName(prefix, logical), entries] as const),
  );
  if (wanted.length === 0) return;
  const admin = client.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      // Resolves false when every topic already exists: kafkajs absorbs TOPIC_ALREADY_EXISTS races.
      await admin.createTopics({
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor,
          configEntries: Object.entries(configsOf.get(topic) ?? {}).map(([name, value]) => ({ name, value })),
        })),
        waitForLeaders: true,
        timeout: timeoutMs,
      });
    }
    await waitForMetadata(admin, wanted, Date.now() + timeoutMs);
  } finally {
    await admin.disconnect();
  }
}

async function waitForMetadata(admin: Admin, topics: string[], deadline: number): Promise<void> {
  for (;;) {
    const pending = await topicsWithoutLeaders(admin, topics);
    if (pending.length === 0) return;
    if (Date.now() >= deadline) {
      throw new Error(`topics not ready before the timeout: ${pending.join(', ')}`);
    }
    await sleep(METADATA_POLL_MS);
  }
}

async function topicsWithoutLeaders(admin: Admin, topics: string[]): Promise<string[]> {
  try {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
    const ready = new Set(
      metadata
        .filter((topic) => topic.partitions.length > 0)
        .filter((topic) => topic.partitions.every((partition) => partition.leader >= 0))
        .map((topic) => topic.name),
    );
    return topics.filter((topic) => !ready.has(topic));
  } catch {
    // UNKNOWN_TOPIC_OR_PARTITION until metadata has propagated: keep polling until the deadline.
    return topics;
  }
}
