import { CHURN_BANDS } from '@pipeline/contracts';
import fc from 'fast-check';
import { T0 } from '../../test/journey-event.fixture';
import { DAY_MS } from '../kpi/customer-activity';
import { npsCategoryOf } from '../kpi/nps';
import { ChurnInput } from './churn-input';
import { ChurnAssessment, scoreChurnRisk } from './churn-score';

const HORIZON = 800 * DAY_MS;

const inputArbitrary: fc.Arbitrary<ChurnInput> = fc
  .record({
    openIncidents: fc.integer({ min: 0, max: 3 }),
    nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    subscriptionsCancelled: fc.integer({ min: 0, max: 2 }),
    intervalDays: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
    lastPurchaseAt: fc.option(fc.integer({ min: T0, max: T0 + HORIZON }), { nil: null }),
    seenAfterPurchase: fc.integer({ min: 0, max: 100 * DAY_MS }),
    pAlive: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  })
  .map((r) => ({
    openIncidents: r.openIncidents,
    lastNps: r.nps === null ? null : { score: r.nps, category: npsCategoryOf(r.nps), at: T0 },
    subscriptionsCancelled: r.subscriptionsCancelled,
    purchaseDays: [],
    typicalPurchaseIntervalMs: r.intervalDays === null ? null : r.intervalDays * DAY_MS,
    lastPurchaseAt: r.lastPurchaseAt,
    lastSeenAt: (r.lastPurchaseAt ?? T0) + r.seenAfterPurchase,
    currentStage: 'conversion',
    ...(r.pAlive !== undefined && { pAlive: r.pAlive }),
  }));

const nowArbitrary = fc.integer({ min: T0, max: T0 + 2 * HORIZON });

const worsenings: Array<(input: ChurnInput, pAlive: number) => ChurnInput> = [
  (input) => ({ ...input, openIncidents: input.openIncidents + 1 }),
  (input) => ({ ...input, subscriptionsCancelled: input.subscriptionsCancelled + 1 }),
  (input) => ({ ...input, lastNps: { score: 0, category: 'detractor', at: T0 } }),
  (input, pAlive) => ({ ...input, pAlive: Math.min(pAlive, input.pAlive ?? 1) }),
];

const rank = (assessment: ChurnAssessment): number => CHURN_BANDS.indexOf(assessment.band);

describe(`${scoreChurnRisk.name} (properties)`, () => {
  it('keeps the score in [0, 1] at 4 decimals', () => {
    fc.assert(
      fc.property(inputArbitrary, nowArbitrary, (input, now) => {
        const { score } = scoreChurnRisk(input, now);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(Math.round(score * 10_000) / 10_000).toBe(score);
      }),
    );
  });

  it('never lowers the score or band when a bad signal is added or strengthened', () => {
    fc.assert(
      fc.property(
        inputArbitrary,
        nowArbitrary,
        fc.integer({ min: 0, max: worsenings.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (input, now, which, pAlive) => {
          const before = scoreChurnRisk(input, now);
          const after = scoreChurnRisk(worsenings[which](input, pAlive), now);
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never lowers the score as time passes, and changes nothing before nextReviewAt', () => {
    fc.assert(
      fc.property(
        inputArbitrary,
        nowArbitrary,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (input, now, f) => {
          const first = scoreChurnRisk(input, now);
          const next = first.nextReviewAt;
          if (next === null) {
            expect(scoreChurnRisk(input, now + HORIZON)).toMatchObject({
              score: first.score,
              band: first.band,
            });
            return;
          }
          expect(next).toBeGreaterThan(now);
          const between = scoreChurnRisk(input, now + Math.floor(f * (next - 1 - now)));
          expect(between).toMatchObject({ score: first.score, band: first.band, nextReviewAt: next });
          expect(scoreChurnRisk(input, next).score).toBeGreaterThanOrEqual(first.score);
        },
      ),
      { numRuns: 500 },
    );
  });
});
