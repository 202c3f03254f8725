// Kafka error codes after which this member no longer owns its partitions: the batch must be
// abandoned uncommitted and the group re-joined (kafkajs does that when eachBatch throws them).
const ASSIGNMENT_LOST = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'FENCED_INSTANCE_ID',
]);

/** True for a kafkajs protocol error meaning the consumer lost its group membership or generation. */
export function isAssignmentLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('type' in error)) return false;
  const { type } = error;
  return typeof type === 'string' && ASSIGNMENT_LOST.has(type);
}
