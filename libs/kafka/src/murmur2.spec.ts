import fc from 'fast-check';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { murmur2 } from './murmur2';
import { Murmur2Partitioner } from './murmur2.partitioner';

// kafkajs's own implementation, the reference the fast one must agree with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (
  key: Buffer | string,
) => number;

const metadata = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
    offlineReplicas: [],
  }));

describe(murmur2.name, () => {
  it('hashes every key as kafkajs (and the Java client) does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const key = Buffer.from(bytes);
        expect(murmur2(key)).toBe(kafkajsMurmur2(key));
      }),
      { numRuns: 2_000 },
    );
  });

  it('matches the Java client on known keys', () => {
    // Values from the Kafka Java client's UtilsTest.testMurmur2.
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ];
    for (const [key, hash] of cases) expect(murmur2(Buffer.from(key))).toBe(hash);
  });

  it('hashes a 400 KB key in well under a second', () => {
    const key = Buffer.alloc(400 * 1024, 0x61);
    const started = process.hrtime.bigint();
    murmur2(key);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1_000);
  });
});

describe('Murmur2Partitioner', () => {
  it('picks the partition kafkajs DefaultPartitioner picks for keyed records', () => {
    const ours = Murmur2Partitioner();
    const theirs = Partitioners.DefaultPartitioner();
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 128 }),
        fc.integer({ min: 1, max: 64 }),
        (key, count) => {
          const args = { topic: 't', partitionMetadata: metadata(count), message: { key, value: null } };
          expect(ours(args)).toBe(theirs(args));
        },
      ),
    );
  });

  it('keeps an explicit partition and spreads keyless records', () => {
    const partition = Murmur2Partitioner();
    const args = (message: { key: null; value: null; partition?: number }) => ({
      topic: 't',
      partitionMetadata: metadata(4),
      message,
    });
    expect(partition(args({ key: null, value: null, partition: 3 }))).toBe(3);
    const seen = new Set(Array.from({ length: 8 }, () => partition(args({ key: null, value: null }))));
    expect(seen.size).toBe(4);
  });
});
