import { DAY_MS } from '../kpi/customer-activity';
import { purchaseDaysOf, typicalPurchaseIntervalMs } from './purchase-interval';

describe(purchaseDaysOf.name, () => {
  it('counts orders of one UTC day once, in day order', () => {
    const at = (day: number, hour: number) => day * DAY_MS + hour * 3_600_000;
    expect(purchaseDaysOf([at(7, 23), at(3, 1), at(7, 0), at(3, 23)])).toEqual([3, 7]);
  });

  it('gives the same days for times in order as out of order', () => {
    const at = (day: number, hour: number) => day * DAY_MS + hour * 3_600_000;
    const times = [at(3, 1), at(3, 23), at(5, 2), at(7, 0), at(7, 23), at(9, 4)];
    expect(purchaseDaysOf(times)).toEqual([3, 5, 7, 9]);
    expect(purchaseDaysOf([...times].reverse())).toEqual([3, 5, 7, 9]);
    expect(purchaseDaysOf([])).toEqual([]);
  });

  it('reads a day of -0 as day 0, as a set of days does', () => {
    expect(Object.is(purchaseDaysOf([-0])[0], 0)).toBe(true);
    expect(Object.is(purchaseDaysOf([5, -0])[0], 0)).toBe(true);
  });
});

describe(typicalPurchaseIntervalMs.name, () => {
  it('has no interval for a single purchase day or none', () => {
    expect(typicalPurchaseIntervalMs([])).toBeNull();
    expect(typicalPurchaseIntervalMs([10])).toBeNull();
  });

  it('takes the middle gap of an odd number of gaps, unmoved by one long gap', () => {
    // gaps 10, 12, 200
    expect(typicalPurchaseIntervalMs([0, 10, 22, 222])).toBe(12 * DAY_MS);
  });

  it('takes the mean of the two middle gaps of an even number of gaps', () => {
    // gaps 7, 8 -> 7.5 days
    expect(typicalPurchaseIntervalMs([0, 7, 15])).toBe(7.5 * DAY_MS);
  });
});
