/** A record to publish. `topic` is logical: the publisher adds its topic prefix. */
export interface OutboundMessage {
  readonly topic: string;
  /** Partitioning key (customerId in this pipeline); null spreads records across partitions. */
  readonly key: string | null;
  readonly value: Buffer | string;
  readonly headers?: Readonly<Record<string, string>>;
}
