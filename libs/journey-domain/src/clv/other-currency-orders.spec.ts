import { JourneyEvent } from '@pipeline/contracts';
import { journeyEvent, stateAfter } from '../../test/journey-event.fixture';
import { otherCurrencyOrders, otherCurrencyOrdersNote } from './other-currency-orders';
import { purchaseSummary } from './purchase-summary';

const DAY0 = Date.UTC(2026, 2, 2, 12);
const order = (day: number, orderId: string, currency: string): JourneyEvent =>
  journeyEvent('order_placed', DAY0 + day * 86_400_000, {
    properties: { orderId, amount: '10.00', currency },
  });

describe(otherCurrencyOrders.name, () => {
  const state = stateAfter(
    [
      order(0, 'o-1', 'EUR'),
      order(1, 'o-2', 'USD'),
      order(2, 'o-3', 'USD'),
      order(3, 'o-4', 'GBP'),
      journeyEvent('order_cancelled', DAY0 + 4 * 86_400_000, { properties: { orderId: 'o-4' } }),
      order(9, 'o-5', 'USD'),
    ],
    { recentEventIds: 0 },
  );

  it('counts per currency the orders purchaseSummary leaves out, as of now', () => {
    const now = DAY0 + 5 * 86_400_000;
    expect(otherCurrencyOrders(state, 'EUR', now)).toEqual({ USD: 2 });
    expect(purchaseSummary(state, { currency: 'EUR', unit: 'week', now })?.excludedOrders).toBe(2);
  });

  it('names the currencies in the note, the most frequent first', () => {
    expect(otherCurrencyOrdersNote('EUR', { GBP: 3, USD: 1200 })).toBe(
      '1200 orders in USD, 3 in GBP were left out: CLV is valued in EUR only (PIPELINE_CURRENCY)',
    );
    expect(otherCurrencyOrdersNote('EUR', {})).toBeUndefined();
  });
});
