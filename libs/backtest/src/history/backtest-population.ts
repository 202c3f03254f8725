import { JourneyState, PurchaseSummary, TimeUnit, purchaseSummary } from '@pipeline/journey-domain';
import { purchaseDays } from './purchase-days';
import { dayAfter } from './utc-day';

/** Where a population is cut into calibration and holdout, and how it is measured. */
export interface PopulationWindow {
  readonly currency: string;
  readonly timeUnit: TimeUnit;
  readonly calibrationEnd: number;
  readonly holdoutEnd: number;
}

/** A customer of the calibration cohort: what the models see, and what happened next. */
export interface BacktestCustomer {
  readonly customerId: string;
  /** x, t_x, T and m_x as of calibrationEnd, by the journey domain's `purchaseSummary`. */
  readonly calibration: PurchaseSummary;
  /**
   * The holdout's purchase days, as whole UTC days after the holdout's first day (0 is that day: the
   * day after calibrationEnd when it is a day's last millisecond, else calibrationEnd's own day), ascending: days with a counted order placed in (calibrationEnd, holdoutEnd] that were not already
   * a calibration purchase day.
   */
  readonly holdoutDays: readonly number[];
  /** What those days spent, net of refunds issued by holdoutEnd, floored at 0 per day. */
  readonly holdoutSpendMinor: number;
}

export interface BacktestPopulation {
  /** Customers with a counted purchase by calibrationEnd: the calibration cohort, in id order. */
  readonly customers: readonly BacktestCustomer[];
  /** Customers whose first counted purchase came in the holdout: outside the cohort, not scored. */
  readonly acquiredInHoldout: number;
  /** Customers with order events but no counted purchase by holdoutEnd (all cancelled, say). */
  readonly withoutPurchases: number;
}

/**
 * Splits replayed journeys at calibrationEnd. The calibration summary is the journey domain's own
 * `purchaseSummary` as of calibrationEnd (orders placed later unknown, cancellations and refunds
 * known by then applied, same-day orders merged). The holdout is read with `purchaseDays` under the
 * same rules as of holdoutEnd. A holdout order on the calibration end's own UTC day, when that day
 * already had a calibration purchase, merges into it as it would have in the summary: it is not a new
 * purchase day. Use bare dates (whole UTC days) and this never happens.
 */
export function backtestPopulation(
  states: ReadonlyMap<string, JourneyState>,
  window: PopulationWindow,
): BacktestPopulation {
  const { currency, timeUnit: unit, calibrationEnd, holdoutEnd } = window;
  const firstHoldoutDay = dayAfter(calibrationEnd);
  const customers: BacktestCustomer[] = [];
  let acquiredInHoldout = 0;
  let withoutPurchases = 0;
  const ids = [...states.keys()].sort();
  for (const customerId of ids) {
    const state = states.get(customerId);
    if (state === undefined) continue;
    const calibration = purchaseSummary(state, { currency, unit, now: calibrationEnd });
    if (calibration === undefined) {
      if (purchaseDays(state, { currency, through: holdoutEnd }).length > 0) acquiredInHoldout += 1;
      else withoutPurchases += 1;
      continue;
    }
    const calibrationDays = purchaseDays(state, { currency, through: calibrationEnd });
    const lastCalibrationDay = calibrationDays[calibrationDays.length - 1]?.day;
    const holdout = purchaseDays(state, { currency, after: calibrationEnd, through: holdoutEnd }).filter(
      ({ day }) => day !== lastCalibrationDay,
    );
    customers.push({
      customerId,
      calibration,
      holdoutDays: holdout.map(({ day }) => day - firstHoldoutDay),
      holdoutSpendMinor: holdout.reduce((sum, { spendMinor }) => sum + spendMinor, 0),
    });
  }
  return { customers, acquiredInHoldout, withoutPurchases };
}
