/** One log end offset seen at the collector, with the first and last time it was seen. */
interface EndOffsetSample {
  readonly end: bigint;
  readonly firstSeen: number;
  lastSeen: number;
}

const DEFAULT_MAX_SAMPLES = 2_000;

/**
 * Estimates when a record was appended to one partition, from the history of the partition's log end
 * offset as the lag monitor polls it (the method of kafka-lag-exporter), without reading any record.
 *
 * If the end offset was `a` when last seen at `t1` and `b > a` when first seen at `t2`, records `a..b-1`
 * were appended in `(t1, t2]`; a record in between is dated by linear interpolation. The error is at
 * most one poll interval. A record appended before the first poll is dated at the first poll, so its
 * age is a lower bound until the history covers it; so is an age older than `maxSamples` changes of
 * the end offset.
 */
export class AppendTimeEstimator {
  private samples: EndOffsetSample[] = [];

  constructor(private readonly maxSamples = DEFAULT_MAX_SAMPLES) {}

  /** Records that the log end offset was `end` at `at` (epoch ms). */
  observe(end: string, at: number): void {
    const value = BigInt(end);
    const last = this.samples[this.samples.length - 1];
    if (last && value < last.end) this.samples = []; // the topic was recreated: start over
    if (last && value === last.end) {
      last.lastSeen = Math.max(last.lastSeen, at);
      return;
    }
    this.samples.push({ end: value, firstSeen: at, lastSeen: at });
    if (this.samples.length > this.maxSamples) this.samples.splice(0, this.samples.length - this.maxSamples);
  }

  /** Estimated append time (epoch ms) of the record at `offset`; undefined if none seen there yet. */
  appendedAt(offset: string): number | undefined {
    const target = BigInt(offset);
    const index = this.samples.findIndex((sample) => sample.end > target);
    const after = this.samples[index];
    if (after === undefined) return undefined;
    const before = this.samples[index - 1];
    if (before === undefined) return after.firstSeen;
    const share = Number(target - before.end + 1n) / Number(after.end - before.end);
    return before.lastSeen + (after.firstSeen - before.lastSeen) * share;
  }

  /** Drops history that only dates records below `offset`, keeping the one sample just below it. */
  forgetBefore(offset: string): void {
    const target = BigInt(offset);
    let lastBelow = -1;
    this.samples.forEach((sample, i) => {
      if (sample.end <= target) lastBelow = i;
    });
    if (lastBelow > 0) this.samples.splice(0, lastBelow);
  }

  /** Number of samples kept, for tests. */
  get size(): number {
    return this.samples.length;
  }
}
