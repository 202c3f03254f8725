/**
 * The physical Kafka topic for a logical topic name: `prefix + logical`. Production uses the empty
 * prefix; tests use a unique one so runs never share topics.
 */
export function topicName(prefix: string, logical: string): string {
  return `${prefix}${logical}`;
}

/**
 * The logical topic name of a physical topic, or undefined when the topic does not carry the prefix
 * (it belongs to another run or another system).
 */
export function logicalTopic(prefix: string, physical: string): string | undefined {
  if (!physical.startsWith(prefix)) return undefined;
  const logical = physical.slice(prefix.length);
  return logical.length > 0 ? logical : undefined;
}
