/** How many decades below the largest magnitude the histogram resolves; smaller values share the bin at 0. */
const DECADES = 3;

/** 1, 2, 5, 10, 20, 50, ... minor units. */
function* oneTwoFive(): Generator<number> {
  for (let decade = 1; ; decade *= 10) {
    yield decade;
    yield 2 * decade;
    yield 5 * decade;
  }
}

/**
 * Histogram edges for CLV amounts in minor units: 0 plus a 1-2-5 series on each side that holds a
 * value, e.g. 0, 500, 1000, 2000, 5000, ... (5, 10, 20, 50 EUR ...). CLV is heavy-tailed, so
 * equal-width bins would put nearly everyone in the first one; 1-2-5 steps give each decade three
 * readable bins. The series starts three decades below the largest magnitude and ends at the first
 * edge past the extreme, so every value lands in a bounded bin and there are at most ~11 a side.
 * Edges are formatted as exact money, so the series stops at 5 x 10^15, the last safe integer step:
 * a CLV beyond it (the contract bounds allow up to about 5.001 x 10^15) falls in the open end bin.
 */
export function clvBucketEdges(min: number, max: number): number[] {
  const top = Math.max(Math.abs(min), Math.abs(max));
  if (!(top > 0)) return [0];
  const floor = top / 10 ** DECADES;
  const steps: number[] = [];
  for (const step of oneTwoFive()) {
    if (step > Number.MAX_SAFE_INTEGER) break;
    if (step < floor) continue;
    steps.push(step);
    if (step > top) break;
  }
  const below = min < 0 ? stepsUntil(steps, -min, (step, limit) => step >= limit).map((s) => -s) : [];
  const above = max >= 0 ? stepsUntil(steps, max, (step, limit) => step > limit) : [];
  return [...below.reverse(), 0, ...above];
}

/** The steps up to and including the first one that `passes` the limit. */
function stepsUntil(
  steps: readonly number[],
  limit: number,
  passes: (step: number, limit: number) => boolean,
): number[] {
  const taken: number[] = [];
  for (const step of steps) {
    taken.push(step);
    if (passes(step, limit)) break;
  }
  return taken;
}
