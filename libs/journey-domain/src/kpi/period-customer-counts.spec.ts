import { CustomerActivity } from './customer-activity';
import { customerCountsForPeriod } from './period-customer-counts';

const WINDOW = 365;
const customer = (customerId: string, purchaseTimes: number[]): CustomerActivity => ({
  customerId,
  firstOrderAt: purchaseTimes[0] ?? null,
  purchaseTimes,
});

describe(customerCountsForPeriod.name, () => {
  it('counts nothing and has no rates for an empty population', () => {
    expect(customerCountsForPeriod([], 400, 500, WINDOW)).toEqual({
      startCount: 0,
      endCount: 0,
      acquired: 0,
      lost: 0,
      retained: 0,
      reactivated: 0,
      retentionRate: null,
      retentionClamped: null,
      churnRate: null,
    });
  });

  it('retains a single customer who keeps buying', () => {
    expect(customerCountsForPeriod([customer('a', [300, 450])], 400, 500, WINDOW)).toMatchObject({
      startCount: 1,
      endCount: 1,
      retained: 1,
      lost: 0,
      retentionRate: 100,
      churnRate: 0,
    });
  });

  it('counts start, end, acquired, lost and reactivated customers of [400, 500) with a 365-day window', () => {
    const counts = customerCountsForPeriod(
      [
        customer('kept', [100, 450]), // active at 400 (100 >= 35) and at 500 (450)
        customer('lapsed', [50]), // active at 400, not at 500 (50 < 135): lost
        customer('new', [420]), // first purchase in the period: acquired, active at 500
        customer('prospect', []),
        customer('back', [10, 480]), // not active at 400 (10 < 35), active at 500: reactivated
        customer('next-period', [500]), // bought at exactly `to`: counts in the next period
      ],
      400,
      500,
      WINDOW,
    );
    expect(counts).toEqual({
      startCount: 2,
      endCount: 3,
      acquired: 1,
      lost: 1,
      retained: 1,
      reactivated: 1,
      // (3 - 1) / 2: the formula counts the reactivated customer as kept, the cohort says 1 of 2.
      retentionRate: 100,
      retentionClamped: null,
      // 1 / ((2 + 3) / 2)
      churnRate: 40,
    });
  });

  it('has no retention rate when nobody was a customer at the start', () => {
    expect(customerCountsForPeriod([customer('new', [420])], 400, 500, WINDOW)).toMatchObject({
      startCount: 0,
      endCount: 1,
      acquired: 1,
      retentionRate: null,
      churnRate: 0,
    });
  });

  it('counts a new customer who lapses within a period longer than the window as lost, and flags E - N < 0', () => {
    const counts = customerCountsForPeriod(
      [customer('old', [399]), customer('new', [410])],
      400,
      1200,
      WINDOW,
    );
    expect(counts).toMatchObject({
      startCount: 1,
      endCount: 0,
      acquired: 1,
      lost: 2,
      retentionRate: 0,
      retentionClamped: 'retained-below-zero',
      churnRate: 400,
    });
  });

  it('refuses unsorted purchases, a purchase before the first order and an empty period', () => {
    expect(() => customerCountsForPeriod([customer('a', [5, 3])], 0, 10, WINDOW)).toThrow(RangeError);
    const early = { customerId: 'b', firstOrderAt: 6, purchaseTimes: [5] };
    expect(() => customerCountsForPeriod([early], 0, 10, WINDOW)).toThrow(RangeError);
    expect(() => customerCountsForPeriod([], 10, 10, WINDOW)).toThrow(RangeError);
  });
});
