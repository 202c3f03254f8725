import { unitMs } from '@pipeline/journey-domain';

/** One UTC calendar day in ms: the grid `purchaseSummary` merges purchases on. */
export const DAY_MS = unitMs('day');

/** The UTC day number (days since 1970-01-01) of an instant, as `purchaseSummary` computes it. */
export function utcDay(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}

/**
 * The first UTC day holding an instant after `boundary` (inclusive boundaries): the day after a
 * boundary at a day's last millisecond (what a bare date means), the boundary's own day otherwise.
 */
export function dayAfter(boundary: number): number {
  return utcDay(boundary + 1);
}
