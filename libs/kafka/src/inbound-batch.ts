/** One record header as it travelled: its name, and its value bytes (null for a null value). */
export interface InboundHeader {
  readonly name: string;
  readonly value: Buffer | null;
}

/** One Kafka record as the batch handler sees it: raw bytes, parsing is the handler's job. */
export interface InboundMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Offset within the partition, a decimal string (64-bit). */
  readonly offset: string;
  /** Milliseconds since the epoch, a decimal string, as kafkajs reports it. */
  readonly timestamp: string;
  /** Header values decoded as UTF-8; for a repeated header the last value wins. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Every header with its value bytes untouched, repeated names included (their values in the order
   * received; names in the order kafkajs decodes them). Set by the transport; absent on messages
   * built by hand, where `headers` is all there is.
   */
  readonly rawHeaders?: readonly InboundHeader[];
}

/**
 * The payload an `@EventPattern(<logical topic>)` handler receives from `KafkaBatchServer`: the
 * records fetched from one partition, in offset order. The server commits `lastOffset + 1` only after
 * the handler's promise (or observable) completes; if it fails, the same batch is delivered again.
 */
export interface InboundBatch {
  /** The logical topic (without the prefix). */
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly InboundMessage[];
  readonly firstOffset: string;
  readonly lastOffset: string;
  /** The partition's high watermark when the batch was fetched. */
  readonly highWatermark: string;
  /** Tell the group coordinator this consumer is alive; call it during long work. */
  heartbeat(): Promise<void>;
  /**
   * True when the batch no longer belongs to this consumer's position (a seek or a lost assignment):
   * stop early, the server will not commit it.
   */
  isStale(): boolean;
  /**
   * Leaves the records from `offset` on (an offset of one of `messages`) for a later unit: the
   * server commits up to them and fetches them again. A handler that merges partitions in event-time
   * order defers what lies beyond the slowest partition's last record. Optional for handlers built
   * elsewhere; the batch server always provides it.
   */
  deferFrom?(offset: string): void;
}
