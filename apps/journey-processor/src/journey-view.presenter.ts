import { formatMinorUnits } from '@pipeline/contracts';
import { CurrencyTotals, JourneyView } from '@pipeline/journey-domain';

/** An amount as the API shows it: exact decimal text in major units, with its currency. */
export interface MoneyDto {
  readonly amount: string;
  readonly currency: string;
}

function money(minor: number, currency: string): MoneyDto {
  return { amount: formatMinorUnits(minor, currency), currency };
}

function totals(currency: string, t: CurrencyTotals): { gross: MoneyDto; refunded: MoneyDto; net: MoneyDto } {
  return {
    gross: money(t.grossMinor, currency),
    refunded: money(t.refundedMinor, currency),
    net: money(t.netMinor, currency),
  };
}

/**
 * `GET /customers/:id/journey` body: the domain view with money in major units. Amounts are strings
 * so that no JSON parser turns 0.10 + 0.20 into 0.30000000000000004.
 */
export function presentJourney(view: JourneyView) {
  const { orders, acquisitionCost } = view;
  return {
    ...view,
    orders: {
      count: orders.count,
      cancelledCount: orders.cancelledCount,
      firstOrderAt: orders.firstOrderAt,
      lastOrderAt: orders.lastOrderAt,
      revenue: Object.entries(orders.byCurrency).map(([currency, t]) => ({
        currency,
        ...totals(currency, t),
      })),
    },
    acquisitionCost: {
      source: acquisitionCost.source,
      amounts: Object.entries(acquisitionCost.byCurrency).map(([currency, minor]) => money(minor, currency)),
    },
  };
}

export type JourneyResponse = ReturnType<typeof presentJourney>;
