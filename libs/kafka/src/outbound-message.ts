/**
 * A record to publish. `topic` is logical: the publisher adds its topic prefix. Build a record for one
 * of the pipeline's topics with `topicMessage` (contracts), which checks the payload against the topic.
 */
export interface OutboundMessage {
  readonly topic: string;
  /** Partitioning key (customerId in this pipeline); null spreads records across partitions. */
  readonly key: string | null;
  readonly value: Buffer | string;
  readonly headers?: Readonly<Record<string, string>>;
}
