import {
  JourneyEvent,
  MAX_AMOUNT_MINOR,
  MAX_CUSTOMER_TOTAL_MINOR,
  MAX_TIMESTAMP_MS,
  MIN_TIMESTAMP_MS,
  formatMinorUnits,
} from '@pipeline/contracts';
import fc from 'fast-check';
import { deliveryOf, journeyEvent } from '../test/journey-event.fixture';
import { applyEvent } from './apply-event';
import { DEFAULT_CHURN_THRESHOLDS } from './churn/churn-thresholds';
import { MEAN_YEAR_MS } from './clv/time-unit';
import { simpleClv } from './clv/simple-clv';
import { CustomerTotalBoundError, customerTotalMinor } from './customer-total-bound';
import { JourneyState } from './journey-state';
import { distribution } from './kpi/distribution';
import { ClvModelSnapshot } from './outputs/clv-model-snapshot';
import { deriveOutputs } from './outputs/derive-outputs';
import { OutputSettings } from './outputs/output-settings';
import { summarize } from './summarize-journey';

const LAST_MS = MAX_TIMESTAMP_MS - 1;

/** The extremes configuration allows: the shortest tenure floor and the longest relationship. */
const EXTREME: OutputSettings = {
  currency: 'EUR',
  relationshipYears: 50,
  minTenureMs: 0.01 * MEAN_YEAR_MS,
  horizonMonths: 120,
  annualDiscountRate: 0,
  churnThresholds: DEFAULT_CHURN_THRESHOLDS,
  defaultAcquisitionCost: { minor: MAX_AMOUNT_MINOR, currency: 'EUR' },
};

/** A fit on customers who spend up to the bound: population mean spend p v / (q - 1) = 10^12. */
function model(unit: 'day' | 'week'): ClvModelSnapshot {
  return {
    version: `m-${unit}`,
    fittedAt: new Date(LAST_MS).toISOString(),
    fitMs: 1,
    unit,
    currency: 'EUR',
    bgNbd: { params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: -1, customers: 100 },
    gammaGamma: { params: { p: 6, q: 4, v: MAX_AMOUNT_MINOR / 2 }, logLikelihood: -1, customers: 50 },
    fallbackSpendMinor: MAX_AMOUNT_MINOR,
    observedRelationshipYears: 10,
    segmentThresholds: { p50: 1, p75: 2, p90: 3 },
  };
}
const MODELS = [undefined, model('day'), model('week')];

const amount = fc.oneof(
  fc.constantFrom(MAX_AMOUNT_MINOR, MAX_AMOUNT_MINOR - 1, MAX_AMOUNT_MINOR / 2, 1, 0),
  fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }),
);
const instant = fc.oneof(
  fc.constantFrom(MIN_TIMESTAMP_MS, LAST_MS, MIN_TIMESTAMP_MS + 1, LAST_MS - 86_400_000),
  fc.integer({ min: MIN_TIMESTAMP_MS, max: LAST_MS }),
);
const currency = fc.constantFrom('EUR', 'EUR', 'JPY');
const orderId = fc.constantFrom('o-1', 'o-2', 'o-3', 'o-4');

/** Money events of one customer with amounts up to the maximum and times across the whole range. */
const moneyEvent = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), id: orderId, minor: amount, currency, at: instant }),
  fc.record({ kind: fc.constant('refund' as const), id: orderId, minor: amount, currency, at: instant }),
  fc.record({ kind: fc.constant('cost' as const), id: orderId, minor: amount, currency, at: instant }),
  fc.record({ kind: fc.constant('cancel' as const), id: orderId, minor: amount, currency, at: instant }),
);
type MoneyEvent = Omit<typeof moneyEvent extends fc.Arbitrary<infer T> ? T : never, 'id'> & { id: string };

function eventOf({ kind, id, minor, currency: ccy, at }: MoneyEvent, i: number): JourneyEvent {
  const money = formatMinorUnits(minor, ccy);
  const eventId = `e-${i}`;
  switch (kind) {
    case 'order':
      return journeyEvent('order_placed', at, {
        eventId,
        properties: { orderId: id, amount: money, currency: ccy, itemCount: 100_000 },
      });
    case 'refund':
      return journeyEvent('order_refunded', at, {
        eventId,
        properties: { orderId: id, amount: money, currency: ccy },
      });
    case 'cost':
      return journeyEvent('ad_click', at, {
        eventId,
        properties: { source: 's', cost: money, currency: ccy },
      });
    case 'cancel':
      return journeyEvent('order_cancelled', at, { eventId, properties: { orderId: id } });
  }
}

/** Everything the pipeline computes from a state; throws whatever the domain throws. */
function computeEverything(state: JourneyState, event: JourneyEvent): number[] {
  const values: number[] = [];
  for (const clvAsOf of [state.seen[1], LAST_MS, event.occurredAt]) {
    for (const snapshot of MODELS) {
      const out = deriveOutputs({
        customerId: 'c',
        state,
        previous: {},
        now: LAST_MS,
        clvAsOf,
        trigger: { kind: 'event', eventId: event.eventId },
        settings: EXTREME,
        ...(snapshot && { model: snapshot }),
        recomputeClv: true,
      });
      if (out.clv) {
        values.push(out.clv.simple.valueMinor);
        if (out.clv.predictive) values.push(out.clv.predictive.valueMinor);
      }
    }
  }
  summarize(state, 'c', LAST_MS, { defaultAcquisitionCost: { minor: MAX_AMOUNT_MINOR, currency: 'EUR' } });
  return values;
}

describe('money at the contract bounds', () => {
  it('never throws anything but CustomerTotalBoundError, and every CLV figure is a safe integer', () => {
    fc.assert(
      fc.property(fc.array(moneyEvent, { minLength: 1, maxLength: 25 }), (specs) => {
        let state: JourneyState | undefined;
        const values: number[] = [];
        specs.forEach((spec, i) => {
          const event = eventOf(spec, i);
          try {
            state = applyEvent(state, event, deliveryOf(event, i)).state;
          } catch (error) {
            if (!(error instanceof CustomerTotalBoundError)) throw error;
            expect(error.wouldBeMinor).toBeGreaterThan(MAX_CUSTOMER_TOTAL_MINOR);
            return;
          }
          for (const ccy of ['EUR', 'JPY']) {
            for (const total of ['orders', 'refunds', 'acquisition'] as const)
              expect(customerTotalMinor(state, total, ccy)).toBeLessThanOrEqual(MAX_CUSTOMER_TOTAL_MINOR);
          }
          values.push(...computeEverything(state, event));
        });
        for (const value of values) expect(Number.isSafeInteger(value)).toBe(true);
        expect(distribution(values, [0]).count).toBe(values.length);
      }),
      { numRuns: 150 },
    );
  });

  it('values the worst case the argument allows within 2^53', () => {
    const worst = simpleClv({
      netRevenueMinor: MAX_CUSTOMER_TOTAL_MINOR,
      firstPurchaseAt: LAST_MS,
      now: LAST_MS,
      relationshipYears: 50,
      acquisitionCostMinor: 0,
      minTenureMs: 0.01 * MEAN_YEAR_MS,
    });
    expect(worst.valueMinor).toBe(5_000 * MAX_CUSTOMER_TOTAL_MINOR);
    const negative = simpleClv({
      netRevenueMinor: -MAX_CUSTOMER_TOTAL_MINOR,
      firstPurchaseAt: LAST_MS,
      now: LAST_MS,
      relationshipYears: 50,
      acquisitionCostMinor: MAX_CUSTOMER_TOTAL_MINOR,
      minTenureMs: 0.01 * MEAN_YEAR_MS,
    });
    expect(negative.valueMinor).toBe(-5_001 * MAX_CUSTOMER_TOTAL_MINOR);
    expect(Number.isSafeInteger(negative.valueMinor)).toBe(true);
  });

  it('applies and values a thousand orders a day apart that add up to exactly the bound', () => {
    let state: JourneyState | undefined;
    const each = MAX_CUSTOMER_TOTAL_MINOR / 1_000;
    for (let i = 0; i < 1_000; i += 1) {
      const event = eventOf(
        { kind: 'order', id: `o-${i}`, minor: each, currency: 'EUR', at: MIN_TIMESTAMP_MS + i * 86_400_000 },
        i,
      );
      state = applyEvent(state, event, deliveryOf(event, i)).state;
    }
    if (state === undefined) throw new Error('no state');
    const last = eventOf({ kind: 'order', id: 'o-x', minor: 1, currency: 'EUR', at: LAST_MS }, 1_000);
    expect(() => applyEvent(state, last, deliveryOf(last, 1_000))).toThrow(CustomerTotalBoundError);
    const values = computeEverything(state, last);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(Number.isSafeInteger(value)).toBe(true);
    expect(summarize(state, 'c', LAST_MS).orders.byCurrency['EUR']).toEqual({
      grossMinor: MAX_CUSTOMER_TOTAL_MINOR,
      refundedMinor: 0,
      netMinor: MAX_CUSTOMER_TOTAL_MINOR,
    });
  });
});
