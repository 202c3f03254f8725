import { randomInt } from 'node:crypto';
import type { ICustomPartitioner, PartitionerArgs } from 'kafkajs';
import { murmur2 } from './murmur2';

const toPositive = (x: number): number => x & 0x7fffffff;

/**
 * kafkajs's `Partitioners.DefaultPartitioner` (the Java client's: an explicit partition wins, a key
 * goes to `murmur2(key) % partitions`, a keyless record round-robins over partitions with a
 * leader), with a murmur2 whose cost is linear in the key's length. Same partitions for the same
 * keys, so records keep their partition whichever of the two a producer uses.
 */
export const Murmur2Partitioner: ICustomPartitioner = () => {
  const counters = new Map<string, number>();
  return ({ topic, partitionMetadata, message }: PartitionerArgs): number => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    const numPartitions = partitionMetadata.length;
    if (message.key !== null && message.key !== undefined) {
      const key = Buffer.isBuffer(message.key) ? message.key : Buffer.from(String(message.key));
      return toPositive(murmur2(key)) % numPartitions;
    }
    const counter = (counters.get(topic) ?? randomInt(0x7fffffff)) + 1;
    counters.set(topic, counter);
    const available = partitionMetadata.filter((p) => p.leader >= 0);
    const chosen = available[toPositive(counter) % Math.max(available.length, 1)];
    return chosen ? chosen.partitionId : toPositive(counter) % numPartitions;
  };
};
