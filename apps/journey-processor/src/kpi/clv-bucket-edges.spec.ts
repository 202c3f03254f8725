import { clvBucketEdges } from './clv-bucket-edges';

describe(clvBucketEdges.name, () => {
  it('spans three decades below the largest amount on a 1-2-5 scale, past the maximum', () => {
    expect(clvBucketEdges(1_234, 340_000)).toEqual([
      0, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
    ]);
  });

  it('mirrors the scale below zero only as far as the most negative amount', () => {
    expect(clvBucketEdges(-2_500, 340_000).slice(0, 5)).toEqual([-5_000, -2_000, -1_000, -500, 0]);
  });

  it('puts an amount that sits on an edge into a bounded bin', () => {
    const edges = clvBucketEdges(0, 1_000);
    expect(edges.at(-1)).toBeGreaterThan(1_000);
    expect(edges[0]).toBe(0);
  });

  it('stops at the last safe integer step, leaving larger amounts to the open end bins', () => {
    const top = 5_001_000_000_000_000;
    const edges = clvBucketEdges(-top, top);
    expect([edges[0], edges.at(-1)]).toEqual([-5e15, 5e15]);
    expect(edges.every((edge) => Number.isSafeInteger(edge))).toBe(true);
  });

  it('never goes below one minor unit, and is just 0 when every amount is 0', () => {
    expect(clvBucketEdges(0, 3)).toEqual([0, 1, 2, 5]);
    expect(clvBucketEdges(0, 0)).toEqual([0]);
  });
});
