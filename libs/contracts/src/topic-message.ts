import { Topic, TopicPayloadMap } from './topic-payload-map';

/** A record for one of the pipeline's topics: its value is the JSON of that topic's payload. */
export interface TopicMessage<T extends Topic = Topic> {
  /** The logical topic name; the publisher adds its topic prefix. */
  readonly topic: T;
  /** Partitioning key; null spreads records across partitions. */
  readonly key: string | null;
  readonly value: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one way to build a record for a pipeline topic: the payload must be the topic's type in
 * {@link TopicPayloadMap}, so a wrong payload for a topic fails to compile. The value is the
 * payload's JSON.
 */
export function topicMessage<T extends Topic>(
  topic: T,
  key: string | null,
  payload: TopicPayloadMap[T],
  headers?: Readonly<Record<string, string>>,
): TopicMessage<T> {
  return { topic, key, value: JSON.stringify(payload), ...(headers && { headers }) };
}
