/** The time unit the purchase models are fitted and queried in. */
export type TimeUnit = 'day' | 'week';

/** One UTC calendar day: the grid purchases are merged on. */
export const DAY_MS = 86_400_000;

/**
 * The mean Gregorian year (365.2425 days). Years and months are averages rather than calendar spans so
 * that a revenue annualised from any tenure, and a month of model time, mean the same everywhere.
 */
export const MEAN_YEAR_MS = 365.2425 * DAY_MS;

/** A twelfth of the mean Gregorian year, about 30.44 days. */
export const MEAN_MONTH_MS = MEAN_YEAR_MS / 12;

/** Milliseconds in one model time unit: a day is 86,400,000 ms, a week seven days. */
export function unitMs(unit: TimeUnit): number {
  return unit === 'day' ? DAY_MS : 7 * DAY_MS;
}
