import { pacedChunkSize, pacingDelayMs } from './emit-pacing';

describe(pacingDelayMs.name, () => {
  it('waits out the rest of the time the customers done so far are allowed', () => {
    expect(pacingDelayMs(200, 40, 2_000)).toBe(60);
  });

  it('does not wait when the work ran at or below the rate', () => {
    expect(pacingDelayMs(200, 100, 2_000)).toBe(0);
    expect(pacingDelayMs(200, 500, 2_000)).toBe(0);
  });

  it('keeps the overall rate: 5,000 customers at 2,000 a second take 2.5 s', () => {
    expect(pacingDelayMs(5_000, 0, 2_000)).toBe(2_500);
  });

  it('rejects a rate that is not positive', () => {
    expect(() => pacingDelayMs(1, 0, 0)).toThrow(RangeError);
  });
});

describe(pacedChunkSize.name, () => {
  it('takes a tenth of a second of work per chunk, within [1, max]', () => {
    expect(pacedChunkSize(2_000, 1_000)).toBe(200);
    expect(pacedChunkSize(3, 1_000)).toBe(1);
    expect(pacedChunkSize(100_000, 1_000)).toBe(1_000);
  });
});
