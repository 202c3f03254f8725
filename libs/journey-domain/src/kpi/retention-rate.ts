import { assertCount } from './count-check';

/** The counts of one period that customer retention rate is computed from. */
export interface RetentionCounts {
  /** S: customers at the start of the period. */
  readonly startCount: number;
  /** E: customers at the end of the period. */
  readonly endCount: number;
  /** N: customers acquired during the period. */
  readonly acquired: number;
}

/** Why a retention rate was clamped into [0, 100]. */
export type RetentionClamp = 'retained-below-zero' | 'retained-above-start';

export interface RetentionRate {
  /** ((E - N) / S) x 100, clamped into [0, 100]; null when S = 0 (no one to retain). */
  readonly percent: number | null;
  /** E - N as given, before clamping. */
  readonly retained: number;
  /** Set when `retained` fell outside [0, S] and `percent` was clamped; null otherwise. */
  readonly clamped: RetentionClamp | null;
}

/**
 * Customer retention rate over a period: ((E - N) / S) x 100, in percent.
 *
 * E - N is the customers at the end who were not acquired during the period, i.e. those kept from the
 * start. It cannot be negative when E and N are counted consistently (every customer acquired during
 * a period no longer than the activity window is still a customer at its end), so a negative value
 * is clamped to 0% and flagged `retained-below-zero`. It can exceed S when lapsed customers come
 * back during the period (reactivations count as kept by this formula); that is clamped to 100% and
 * flagged `retained-above-start`, so a dashboard never shows more than all customers retained.
 */
export function retentionRate(counts: RetentionCounts): RetentionRate {
  const { startCount, endCount, acquired } = counts;
  assertCount('startCount', startCount);
  assertCount('endCount', endCount);
  assertCount('acquired', acquired);
  const retained = endCount - acquired;
  if (startCount === 0) return { percent: null, retained, clamped: null };
  if (retained < 0) return { percent: 0, retained, clamped: 'retained-below-zero' };
  if (retained > startCount) return { percent: 100, retained, clamped: 'retained-above-start' };
  return { percent: (100 * retained) / startCount, retained, clamped: null };
}
