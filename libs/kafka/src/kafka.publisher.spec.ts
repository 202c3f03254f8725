import { chunkBySize } from './kafka.publisher';
import { OutboundMessage } from './outbound-message';

describe(chunkBySize.name, () => {
  const message = (n: number, size: number): OutboundMessage => ({
    topic: 't',
    key: `k${n}`,
    value: 'x'.repeat(size),
  });

  it('keeps every record, in order, in slices under the byte limit', () => {
    const messages = Array.from({ length: 100 }, (_, i) => message(i, 1_000));
    const chunks = chunkBySize(messages, 10_000, 1_000);
    expect(chunks.flat()).toEqual(messages);
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks)
      expect(chunk.reduce((s, m) => s + (m.value?.length ?? 0), 0)).toBeLessThanOrEqual(10_000);
  });

  it('caps the number of records per slice', () => {
    const chunks = chunkBySize(
      Array.from({ length: 25 }, (_, i) => message(i, 1)),
      1e9,
      10,
    );
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 5]);
  });

  it('sends a record larger than the limit on its own rather than dropping it', () => {
    const chunks = chunkBySize([message(1, 10), message(2, 50_000), message(3, 10)], 1_000, 100);
    expect(chunks.map((c) => c.map((m) => m.key))).toEqual([['k1'], ['k2'], ['k3']]);
  });

  it('returns nothing for nothing', () => {
    expect(chunkBySize([], 1_000, 10)).toEqual([]);
  });
});
