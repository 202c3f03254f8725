import { JourneyEvent } from '@pipeline/contracts';
import { purchaseSummary } from '@pipeline/journey-domain';
import fc from 'fast-check';
import { DAY, HOUR, cancel, order, refund, statesOf } from '../../test/order-events.fixture';
import { purchaseDays } from './purchase-days';
import { utcDay } from './utc-day';

const DAY0 = Date.UTC(2026, 2, 2);
const at = (day: number, hour = 12): number => DAY0 + day * DAY + hour * HOUR;
const D0 = DAY0 / DAY;

function stateOf(events: JourneyEvent[]) {
  const state = statesOf(events).get('c');
  if (!state) throw new Error('no state');
  return state;
}

describe(purchaseDays.name, () => {
  it('merges the orders of one UTC day, nets refunds known by then, floors a day at 0, drops cancellations', () => {
    const state = stateOf([
      order('c', at(0, 9), 'o-1', '10.00'),
      order('c', at(0, 23), 'o-2', '5.00'),
      order('c', at(3), 'o-3', '20.00'),
      refund('c', at(4), 'o-3', '25.00'),
      order('c', at(5), 'o-4', '7.00'),
      cancel('c', at(6), 'o-4'),
      order('c', at(8), 'o-5', '99.00', 'USD'),
      order('c', at(9), 'o-6', '3.00'),
      refund('c', at(20), 'o-6', '1.00'),
    ]);
    expect(purchaseDays(state, { currency: 'EUR', through: at(10) })).toEqual([
      { day: D0, spendMinor: 1500 },
      { day: D0 + 3, spendMinor: 0 },
      { day: D0 + 9, spendMinor: 300 },
    ]);
  });

  it('reads only orders placed after `after`, as of `through`', () => {
    const state = stateOf([
      order('c', at(0), 'o-1', '10.00'),
      order('c', at(5), 'o-2', '4.00'),
      refund('c', at(7), 'o-2', '1.50'),
      order('c', at(12), 'o-3', '6.00'),
    ]);
    expect(purchaseDays(state, { currency: 'EUR', after: at(2), through: at(9) })).toEqual([
      { day: D0 + 5, spendMinor: 250 },
    ]);
    // A cancellation known only later does not yet remove the order.
    const cancelledLater = stateOf([order('c', at(0), 'o-1', '1.00'), cancel('c', at(4), 'o-1')]);
    expect(purchaseDays(cancelledLater, { currency: 'EUR', through: at(3) })).toHaveLength(1);
    expect(purchaseDays(cancelledLater, { currency: 'EUR', through: at(4) })).toEqual([]);
  });

  it("agrees with the journey domain's purchaseSummary on any order history, as of any instant", () => {
    const id = fc.constantFrom('o-1', 'o-2', 'o-3', 'o-4', 'o-5');
    const when = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 23 }));
    const money = fc.integer({ min: 0, max: 9_999 }).map((minor) => (minor / 100).toFixed(2));
    const currency = fc.constantFrom('EUR', 'EUR', 'EUR', 'USD');
    const step = fc.oneof(
      fc.tuple(when, id, money, currency).map(([[d, h], o, m, c]) => order('c', at(d, h), o, m, c)),
      fc.tuple(when, id, money, currency).map(([[d, h], o, m, c]) => refund('c', at(d, h), o, m, c)),
      fc.tuple(when, id).map(([[d, h], o]) => cancel('c', at(d, h), o)),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), when, (events, [d, h]) => {
        const state = stateOf(events);
        const now = at(d, h);
        for (const unit of ['day', 'week'] as const) {
          const summary = purchaseSummary(state, { currency: 'EUR', unit, now });
          const days = purchaseDays(state, { currency: 'EUR', through: now });
          if (days.length === 0) {
            expect(summary).toBeUndefined();
            continue;
          }
          const perUnit = unit === 'day' ? 1 : 7;
          const [first, last] = [days[0].day, days[days.length - 1].day];
          const repeatSpend = days.slice(1).reduce((sum, day) => sum + day.spendMinor, 0);
          expect(summary).toMatchObject({
            frequency: days.length - 1,
            recency: (last - first) / perUnit,
            age: (utcDay(now) - first) / perUnit,
            repeatSpendMinor: repeatSpend,
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
