import { TimeUnit, unitMs } from '@pipeline/journey-domain';
import { DAY_MS, dayAfter, utcDay } from '../history/utc-day';

/** The holdout on the UTC-day grid, cut into periods of one time unit. */
export interface HoldoutWindow {
  readonly timeUnit: TimeUnit;
  /** UTC day number of calibrationEnd: T is measured to its start, as `purchaseSummary` does. */
  readonly calibrationDay: number;
  /**
   * The holdout's first UTC day, day 0 of the holdout days: the day after calibrationEnd when that is
   * a day's last millisecond (a bare date, inclusive), else calibrationEnd's own day.
   */
  readonly firstDay: number;
  /** Whole UTC days from `firstDay` to the holdout's last day, inclusive. */
  readonly days: number;
  /** The holdout length in time units (days / 7 in weeks): the t of the holdout predictions. */
  readonly length: number;
  /**
   * End of each period in time units after the calibration end: 1, 2, ... and, when the holdout is
   * not a whole number of units, its length last. Period k covers holdout days
   * [(k - 1) x daysPerUnit, k x daysPerUnit).
   */
  readonly periodEnds: readonly number[];
}

export function daysPerUnit(unit: TimeUnit): number {
  return unitMs(unit) / DAY_MS;
}

/**
 * Cuts (calibrationEnd, holdoutEnd] into periods of one time unit on the UTC-day grid. With bare-date
 * boundaries (each a day's last millisecond) the holdout is the whole days after the calibration's last
 * day through the holdout's last day; with midnight instants, the days from the calibration end's day
 * up to the day before the holdout end's.
 */
export function holdoutWindow(calibrationEnd: number, holdoutEnd: number, timeUnit: TimeUnit): HoldoutWindow {
  const calibrationDay = utcDay(calibrationEnd);
  if (!(utcDay(holdoutEnd) > calibrationDay)) {
    throw new RangeError('the holdout must end on a later UTC day than the calibration');
  }
  const firstDay = dayAfter(calibrationEnd);
  const days = dayAfter(holdoutEnd) - firstDay;
  const perUnit = daysPerUnit(timeUnit);
  const periods = Math.ceil(days / perUnit);
  const periodEnds = Array.from({ length: periods }, (_, i) => Math.min((i + 1) * perUnit, days) / perUnit);
  return { timeUnit, calibrationDay, firstDay, days, length: days / perUnit, periodEnds };
}

/**
 * The 0-based period a holdout day (days after the window's `firstDay`) falls in. An order at the very
 * instant of a midnight holdoutEnd lies on the day after the last period and counts in it.
 */
export function periodOfDay(window: HoldoutWindow, day: number): number {
  const period = Math.floor(day / daysPerUnit(window.timeUnit));
  return Math.min(Math.max(period, 0), window.periodEnds.length - 1);
}
