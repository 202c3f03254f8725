/**
 * A record to publish. `topic` is logical: the publisher adds its topic prefix. Build a record for one
 * of the pipeline's topics with `topicMessage` (contracts), which checks the payload against the topic.
 */
export interface OutboundMessage {
  readonly topic: string;
  /** Partitioning key (customerId in this pipeline); null spreads records across partitions. */
  readonly key: string | null;
  /** Null is a tombstone: on a compacted topic it removes the key's earlier records. */
  readonly value: Buffer | string | null;
  readonly headers?: Readonly<Record<string, string>>;
}
