import { AssignerProtocol, type Admin } from 'kafkajs';
import { partitionLags, type PartitionLag } from './partition-lag';

/**
 * Reads consumer lag with the kafkajs admin API only (no consumer joins anything): committed offsets
 * from the group coordinator (`fetchOffsets`) and log end offsets from the partition leaders
 * (`fetchTopicOffsets`). The admin client is the caller's: connected before, disconnected after.
 */
export class ConsumerLagReader {
  constructor(private readonly admin: Admin) {}

  /** Lag of `group` on every partition of `topics` (physical names), topic by topic. */
  async read(group: string, topics: readonly string[]): Promise<PartitionLag[]> {
    if (topics.length === 0) return [];
    const committed = await this.admin.fetchOffsets({ groupId: group, topics: [...topics] });
    const watermarks = await Promise.all(topics.map((topic) => this.admin.fetchTopicOffsets(topic)));
    return topics.flatMap((topic, i) =>
      partitionLags(
        group,
        topic,
        watermarks[i] ?? [],
        committed.find((c) => c.topic === topic)?.partitions ?? [],
      ),
    );
  }

  /**
   * The topics `group` consumes, as kafka-consumer-groups.sh finds them: those it has committed offsets
   * on and those assigned to its current members; only names starting with `prefix`, sorted.
   */
  async topicsOf(group: string, prefix = ''): Promise<string[]> {
    const [committed, description] = await Promise.all([
      this.admin.fetchOffsets({ groupId: group }),
      this.admin.describeGroups([group]),
    ]);
    const topics = new Set(committed.map((c) => c.topic));
    const consumerGroups = description.groups.filter((g) => g.protocolType === 'consumer');
    for (const member of consumerGroups.flatMap((g) => g.members)) {
      for (const topic of assignedTopics(member.memberAssignment)) topics.add(topic);
    }
    return [...topics].filter((topic) => topic.startsWith(prefix)).sort();
  }
}

function assignedTopics(memberAssignment: Buffer): string[] {
  // Empty while the group rebalances.
  if (memberAssignment.length === 0) return [];
  return Object.keys(AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment ?? {});
}
