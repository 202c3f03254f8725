import { TimeUnit, unitMs } from '@pipeline/journey-domain';
import { DAY_MS, utcDay } from '../history/utc-day';

/** The holdout on the UTC-day grid, cut into periods of one time unit. */
export interface HoldoutWindow {
  readonly timeUnit: TimeUnit;
  /** UTC day number of calibrationEnd: T is measured to its start, as `purchaseSummary` does. */
  readonly calibrationDay: number;
  /** Whole UTC days from the calibration end's day to the holdout end's day. */
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

/** Cuts (calibrationEnd, holdoutEnd] into periods of one time unit on the UTC-day grid. */
export function holdoutWindow(calibrationEnd: number, holdoutEnd: number, timeUnit: TimeUnit): HoldoutWindow {
  const calibrationDay = utcDay(calibrationEnd);
  const days = utcDay(holdoutEnd) - calibrationDay;
  if (!(days >= 1)) throw new RangeError('the holdout must end on a later UTC day than the calibration');
  const perUnit = daysPerUnit(timeUnit);
  const periods = Math.ceil(days / perUnit);
  const periodEnds = Array.from({ length: periods }, (_, i) => Math.min((i + 1) * perUnit, days) / perUnit);
  return { timeUnit, calibrationDay, days, length: days / perUnit, periodEnds };
}

/**
 * The 0-based period a holdout day (days after the calibration end's day) falls in. An order at the
 * very instant of holdoutEnd (a midnight) lies on the day after the last period and counts in it.
 */
export function periodOfDay(window: HoldoutWindow, day: number): number {
  const period = Math.floor(day / daysPerUnit(window.timeUnit));
  return Math.min(Math.max(period, 0), window.periodEnds.length - 1);
}
