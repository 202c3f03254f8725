import { JourneyEvent, parseIsoTimestamp } from '@pipeline/contracts';
import { journeyEvent, stateAfter } from '../../test/journey-event.fixture';
import { bgNbdLogLikelihood, conditionalExpectedPurchases, probabilityAlive } from './bg-nbd';
import { predictiveClv } from './predictive-clv';
import { purchaseSummary } from './purchase-summary';

function epochMs(text: string): number {
  const parsed = parseIsoTimestamp(text);
  if (!parsed.ok) throw new Error(`${text} ${parsed.message}`);
  return parsed.epochMs;
}

const order = (when: string, orderId: string, amount: string): JourneyEvent =>
  journeyEvent('order_placed', epochMs(when), { properties: { orderId, amount, currency: 'EUR' } });

/** CDNOW's published BG/NBD fit (weeks), scaled to days: alpha in days is 7 x alpha in weeks. */
const CDNOW_DAYS = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };
const MODELS = {
  unit: 'day' as const,
  bgNbd: CDNOW_DAYS,
  gammaGamma: { p: 6.25, q: 3.74, v: 1500 },
  fallbackSpendMinor: 3_500,
};

describe('old and far-apart event times', () => {
  it('summarises a customer whose orders span the whole contract range, exactly', () => {
    const state = stateAfter(
      [
        order('1970-01-01T00:00:00Z', 'o-1', '10.00'),
        order('1997-03-25T12:00:00Z', 'o-2', '99999999.99'),
        order('2099-12-31T23:59:59.999Z', 'o-3', '0.01'),
      ],
      { recentEventIds: 0 },
    );
    const summary = purchaseSummary(state, {
      currency: 'EUR',
      unit: 'day',
      now: epochMs('2099-12-31T23:59:59.999Z'),
    });
    const lastDay = Math.floor(epochMs('2099-12-31T00:00:00Z') / 86_400_000);
    expect(summary).toMatchObject({
      frequency: 2,
      recency: lastDay,
      age: lastDay,
      repeatSpendMinor: 9_999_999_999 + 1,
      netRevenueMinor: 1_000 + 9_999_999_999 + 1,
      firstPurchaseAt: 0,
    });
  });

  it('keeps the model maths finite for a 1990s customer valued 130 years on', () => {
    const T = Math.floor((epochMs('2099-12-31T00:00:00Z') - epochMs('1997-01-01T00:00:00Z')) / 86_400_000);
    for (const [x, tx] of [
      [0, 0],
      [1, 30],
      [200, 500],
      [5_000, T],
    ]) {
      expect(Number.isFinite(bgNbdLogLikelihood(CDNOW_DAYS, x, tx, T))).toBe(true);
      const alive = probabilityAlive(CDNOW_DAYS, x, tx, T);
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
      expect(Number.isFinite(conditionalExpectedPurchases(CDNOW_DAYS, 365, x, tx, T))).toBe(true);
      const clv = predictiveClv({ frequency: x, recency: tx, age: T, monetaryMinor: 2_000 }, MODELS);
      expect(Number.isSafeInteger(clv.valueMinor)).toBe(true);
      expect(clv.valueMinor).toBeGreaterThanOrEqual(0);
    }
  });

  it('sees a heavy buyer silent since the 1990s as most likely gone', () => {
    const T = Math.floor((epochMs('2026-01-01T00:00:00Z') - epochMs('1997-01-01T00:00:00Z')) / 86_400_000);
    expect(probabilityAlive(CDNOW_DAYS, 20, 365, T)).toBeLessThan(1e-6);
  });
});
