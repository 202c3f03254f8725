import { InboundBatch, InboundMessage } from '@pipeline/kafka';
import { timestampOrder } from './timestamp-order';

function message(offset: number, timestamp: number): InboundMessage {
  return { key: null, value: null, offset: String(offset), timestamp: String(timestamp), headers: {} };
}

function batch(topic: string, partition: number, stamps: number[], highWatermark: number): InboundBatch {
  const messages = stamps.map((stamp, index) => message(index, stamp));
  return {
    topic,
    partition,
    messages,
    firstOffset: '0',
    lastOffset: String(stamps.length - 1),
    highWatermark: String(highWatermark),
    heartbeat: () => Promise.resolve(),
    isStale: () => false,
  };
}

const order = ['a', 'b'];
const described = (result: ReturnType<typeof timestampOrder>) =>
  result.records.map((record) => `${record.batch.topic}${record.message.offset}`);

describe(timestampOrder.name, () => {
  it('merges partitions by broker timestamp, keeping offset order within each', () => {
    const result = timestampOrder([batch('a', 0, [1, 5, 9], 3), batch('b', 0, [2, 3, 10], 3)], order);
    expect(described(result)).toEqual(['a0', 'b0', 'b1', 'a1', 'a2', 'b2']);
    expect(result.deferredFrom).toEqual([null, null]);
  });

  it('never reorders a partition whose clock went backwards', () => {
    const result = timestampOrder([batch('a', 0, [5, 1], 2), batch('b', 0, [3], 1)], order);
    expect(described(result)).toEqual(['b0', 'a0', 'a1']);
  });

  it('breaks ties by topic order, then partition', () => {
    const result = timestampOrder(
      [batch('b', 0, [1], 1), batch('a', 1, [1], 1), batch('a', 0, [1], 1)],
      order,
    );
    expect(result.records.map((r) => `${r.batch.topic}${r.batch.partition}`)).toEqual(['a0', 'a1', 'b0']);
  });

  it('defers what lies beyond the last record of a partition that has more waiting', () => {
    // b stops at 4 with more records behind it: a's records after 4 could be newer than b's next.
    const result = timestampOrder([batch('a', 0, [1, 3, 5, 7], 4), batch('b', 0, [2, 4], 10)], order);
    expect(described(result)).toEqual(['a0', 'b0', 'a1', 'b1']);
    expect(result.deferredFrom).toEqual(['2', null]);
  });

  it('handles everything in merged order when the bound would leave nothing', () => {
    // a's last record (1) is the bound, but its first (5) is later: nothing would be at or before it.
    const result = timestampOrder([batch('a', 0, [5, 1], 9), batch('b', 0, [3], 1)], order);
    expect(described(result)).toEqual(['b0', 'a0', 'a1']);
    expect(result.deferredFrom).toEqual([null, null]);
  });

  it('takes at most maxRecords, the oldest first, and defers the rest', () => {
    const result = timestampOrder([batch('a', 0, [1, 3], 2), batch('b', 0, [2], 1)], order, 2);
    expect(described(result)).toEqual(['a0', 'b0']);
    expect(result.deferredFrom).toEqual(['1', null]);
  });
});
