import { AssignerProtocol, Assignment, GroupMember, PartitionAssigner } from 'kafkajs';

/** Protocol name members announce; a group agrees on an assigner every member offers. */
export const CO_PARTITIONED_ASSIGNER = 'CoPartitionedAssigner';
const VERSION = 0;

/**
 * Which partitions of which topics each member gets: partition N of every topic goes to one member,
 * partition numbers dealt out in turn over the members sorted by id. Members left without a partition
 * number (more members than partitions) get an empty assignment.
 */
export function coPartitionedAssignment(
  memberIds: readonly string[],
  partitionsByTopic: ReadonlyMap<string, readonly number[]>,
): Map<string, Assignment> {
  const members = [...memberIds].sort();
  const numbers = [...new Set([...partitionsByTopic.values()].flat())].sort((a, b) => a - b);
  const ownerOf = new Map(numbers.map((partition, i) => [partition, members[i % members.length]]));
  const assignments = new Map<string, Assignment>(members.map((id) => [id, {}]));
  for (const [topic, partitions] of partitionsByTopic) {
    for (const partition of [...partitions].sort((a, b) => a - b)) {
      const owner = ownerOf.get(partition);
      const assignment = owner === undefined ? undefined : assignments.get(owner);
      if (assignment === undefined) continue;
      (assignment[topic] ??= []).push(partition);
    }
  }
  return assignments;
}

/**
 * A kafkajs partition assigner that keeps a customer's stage topics on one member. Every stage topic
 * has the same partition count and every producer keys by customer id with the same partitioner, so a
 * customer's events sit in partition N of each topic; giving partition N of all of them to one member
 * lets that member fold the customer's events from every stage in one unit, with one load and one
 * write, instead of two members racing on the customer's journey (compare-and-set conflicts, reloads).
 *
 * kafkajs's round-robin assigner deals the topic-partitions out one by one, which co-locates them only
 * when the member count divides the partition count (1, 2, 3 or 6 members for 6 partitions).
 * Members also offer round-robin, after this one, so a rolling upgrade from members that only know
 * round-robin still forms a group.
 */
export const coPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: CO_PARTITIONED_ASSIGNER,
  version: VERSION,
  assign({ members, topics }: { members: GroupMember[]; topics: string[] }) {
    const partitionsByTopic = new Map(
      topics.map((topic) => [topic, cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId)]),
    );
    const assignments = coPartitionedAssignment(
      members.map((member) => member.memberId),
      partitionsByTopic,
    );
    return Promise.resolve(
      [...assignments].map(([memberId, assignment]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: VERSION,
          assignment,
          userData: Buffer.alloc(0),
        }),
      })),
    );
  },
  protocol({ topics }: { topics: string[] }) {
    return {
      name: CO_PARTITIONED_ASSIGNER,
      metadata: AssignerProtocol.MemberMetadata.encode({
        version: VERSION,
        topics,
        userData: Buffer.alloc(0),
      }),
    };
  },
});
