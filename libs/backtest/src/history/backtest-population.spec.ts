import { DAY, HOUR, cancel, order, refund, statesOf } from '../../test/order-events.fixture';
import { backtestPopulation } from './backtest-population';

/** Calibration ends at midnight UTC starting 2026-01-01 (day D); the holdout runs 4 weeks. */
const D = Date.UTC(2026, 0, 1);
const at = (day: number, hour = 12): number => D + day * DAY + hour * HOUR;
const WINDOW = { currency: 'EUR', timeUnit: 'week', calibrationEnd: D, holdoutEnd: D + 28 * DAY } as const;

describe(backtestPopulation.name, () => {
  const states = statesOf([
    // a: calibration days -20 and -6; holdout days 0 (two orders) and 9 (two orders, one refunded in part)
    order('a', at(-20), 'a-1', '10.00'),
    order('a', at(-6), 'a-2', '30.00'),
    order('a', at(0, 10), 'a-3', '5.00'),
    order('a', at(0, 11), 'a-4', '6.00'),
    order('a', at(9, 8), 'a-5', '20.00'),
    order('a', at(9, 9), 'a-6', '1.00'),
    refund('a', at(12), 'a-5', '4.00'),
    // an order after the holdout is outside both periods
    order('a', at(40), 'a-7', '100.00'),
    // b: a calibration order cancelled in the holdout still counted in the calibration
    order('b', at(-3), 'b-1', '8.00'),
    order('b', at(-1), 'b-2', '9.00'),
    cancel('b', at(2), 'b-2'),
    // c: first bought in the holdout
    order('c', at(5), 'c-1', '1.00'),
    // d: its only order was cancelled
    order('d', at(-10), 'd-1', '1.00'),
    cancel('d', at(-9), 'd-1'),
  ]);
  const population = backtestPopulation(states, WINDOW);

  it('summarises the calibration cohort as of calibrationEnd, in the time unit', () => {
    expect(population.customers.map((c) => c.customerId)).toEqual(['a', 'b']);
    const [a, b] = population.customers;
    expect(a.calibration).toMatchObject({
      unit: 'week',
      frequency: 1,
      recency: 14 / 7,
      age: 20 / 7,
      monetaryMinor: 3000,
    });
    expect(b.calibration).toMatchObject({ frequency: 1, recency: 2 / 7, age: 3 / 7, monetaryMinor: 900 });
  });

  it('reads the holdout purchase days after the calibration end day and their net spend', () => {
    const [a, b] = population.customers;
    expect(a.holdoutDays).toEqual([0, 9]);
    expect(a.holdoutSpendMinor).toBe(500 + 600 + 2000 + 100 - 400);
    expect(b.holdoutDays).toEqual([]);
    expect(b.holdoutSpendMinor).toBe(0);
  });

  it('counts customers acquired in the holdout and customers without a counted purchase apart', () => {
    expect(population.acquiredInHoldout).toBe(1);
    expect(population.withoutPurchases).toBe(1);
  });

  it('merges a holdout order into a calibration purchase of the same UTC day', () => {
    const midday = { ...WINDOW, calibrationEnd: at(0, 12), holdoutEnd: at(14, 12) };
    const merged = backtestPopulation(
      statesOf([
        order('e', at(-5), 'e-1', '1.00'),
        order('e', at(0, 9), 'e-2', '2.00'),
        order('e', at(0, 15), 'e-3', '4.00'),
        order('e', at(3), 'e-4', '8.00'),
      ]),
      midday,
    );
    expect(merged.customers[0].calibration.frequency).toBe(1);
    expect(merged.customers[0].holdoutDays).toEqual([3]);
    expect(merged.customers[0].holdoutSpendMinor).toBe(800);
  });

  it('with an inclusive bare-date end, keeps that day in the calibration and counts holdout days from the next', () => {
    const endOfDay = D + DAY - 1;
    const inclusive = backtestPopulation(
      statesOf([
        order('e', at(-5), 'e-1', '1.00'),
        order('e', at(0, 23), 'e-2', '2.00'),
        order('e', at(1, 0), 'e-3', '4.00'),
        order('e', at(8), 'e-4', '8.00'),
      ]),
      { ...WINDOW, calibrationEnd: endOfDay, holdoutEnd: endOfDay + 28 * DAY },
    );
    expect(inclusive.customers[0].calibration).toMatchObject({ frequency: 1, recency: 5 / 7, age: 5 / 7 });
    expect(inclusive.customers[0].holdoutDays).toEqual([0, 7]);
  });
});
