import type { InboundHeader } from '@pipeline/kafka';

/** The message a dead letter is written for, and where it was read. */
export interface DeadLetterSource {
  /** The topic as the broker names it, topic prefix included: where a replay publishes it again. */
  readonly topic: string;
  /** The topic's contract name, without the deployment's topic prefix. */
  readonly logicalTopic: string;
  readonly partition: number;
  /** Offset in the partition, a decimal string (64-bit). */
  readonly offset: string;
  /** Broker timestamp of the message, epoch milliseconds as a decimal string. */
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Every header, byte for byte, repeated names included. */
  readonly headers: readonly InboundHeader[];
}
