import { journeyEvent, T0 } from '../../test/journey-event.fixture';
import { stateAfter } from '../../test/journey-event.fixture';
import { DAY_MS } from '../kpi/customer-activity';
import { ChurnInput, churnInputFromState } from './churn-input';
import { ChurnAssessment, scoreChurnRisk } from './churn-score';
import { DEFAULT_CHURN_THRESHOLDS } from './churn-thresholds';

const days = (n: number): number => T0 + n * DAY_MS;
const NOW = days(10);

/** A customer with no risk signal: seen and last bought on day 9, buying every 30 days. */
const calm = (overrides: Partial<ChurnInput> = {}): ChurnInput => ({
  openIncidents: 0,
  lastNps: null,
  subscriptionsCancelled: 0,
  purchaseDays: [],
  typicalPurchaseIntervalMs: 30 * DAY_MS,
  lastPurchaseAt: days(9),
  lastSeenAt: days(9),
  currentStage: 'retention',
  ...overrides,
});
const detractor = { score: 3, category: 'detractor', at: days(8) } as const;
const codes = (assessment: ChurnAssessment): string[] => assessment.reasons.map((reason) => reason.code);

const order = (day: number, orderId: string) =>
  journeyEvent('order_placed', days(day), { properties: { orderId, amount: '20.00', currency: 'EUR' } });
const incident = (day: number, incidentId: string) =>
  journeyEvent('incident_reported', days(day), { properties: { incidentId, kind: 'late_delivery' } });
const resolved = (day: number, incidentId: string) =>
  journeyEvent('incident_resolved', days(day), { properties: { incidentId } });

describe(scoreChurnRisk.name, () => {
  it('scores a customer without any signal 0 and low, due for review when their next purchase is overdue', () => {
    expect(scoreChurnRisk(calm(), NOW)).toEqual({
      score: 0,
      band: 'low',
      reasons: [],
      nextReviewAt: days(9 + 60),
    });
  });

  it('makes two open incidents high on their own, with the reason OPEN_INCIDENTS', () => {
    const assessment = scoreChurnRisk(calm({ openIncidents: 2 }), NOW);
    expect(assessment).toMatchObject({ score: 0.75, band: 'high' });
    expect(assessment.reasons).toEqual([
      {
        code: 'OPEN_INCIDENTS',
        text: '2 unresolved incidents: most customers leave after two or three bad service experiences',
        weight: 0.75,
      },
    ]);
  });

  it('lowers the band when one of two open incidents is resolved', () => {
    const events = [order(0, 'o-1'), incident(5, 'i-1'), incident(6, 'i-2')];
    const before = scoreChurnRisk(churnInputFromState(stateAfter(events), NOW), NOW);
    const after = scoreChurnRisk(churnInputFromState(stateAfter([...events, resolved(7, 'i-1')]), NOW), NOW);
    expect(before.band).toBe('high');
    expect(after).toMatchObject({ score: 0.3, band: 'low' });
    expect(after.reasons).toEqual([{ code: 'OPEN_INCIDENTS', text: '1 unresolved incident', weight: 0.3 }]);
  });

  it('keeps the hard rules high even when their weights are configured low', () => {
    const thresholds = {
      ...DEFAULT_CHURN_THRESHOLDS,
      openIncidents: { oneWeight: 0.05, twoOrMoreWeight: 0.1 },
      inactive: { ...DEFAULT_CHURN_THRESHOLDS.inactive, weight: 0 },
    };
    expect(scoreChurnRisk(calm({ openIncidents: 3 }), NOW, thresholds)).toMatchObject({
      score: 0.7,
      band: 'high',
    });
    const silent = scoreChurnRisk(calm({ lastPurchaseAt: null }), days(9 + 366), thresholds);
    expect(silent).toMatchObject({ score: 0.7, band: 'high' });
    expect(codes(silent)).toEqual(['INACTIVE']);
  });

  it('compounds signals by noisy-OR: a detractor with one open incident is medium', () => {
    expect(scoreChurnRisk(calm({ lastNps: detractor }), NOW)).toMatchObject({ score: 0.35, band: 'low' });
    // 1 - (1 - 0.35) x (1 - 0.3) = 0.545
    const both = scoreChurnRisk(calm({ lastNps: detractor, openIncidents: 1 }), NOW);
    expect(both).toMatchObject({ score: 0.545, band: 'medium' });
    expect(codes(both)).toEqual(['NPS_DETRACTOR', 'OPEN_INCIDENTS']);
  });

  it('makes a detractor who cancelled a subscription high: 1 - 0.65 x 0.4 = 0.74', () => {
    const assessment = scoreChurnRisk(calm({ lastNps: detractor, subscriptionsCancelled: 1 }), NOW);
    expect(assessment).toMatchObject({ score: 0.74, band: 'high' });
    expect(assessment.reasons).toEqual([
      { code: 'SUBSCRIPTION_CANCELLED', text: '1 subscription cancelled and not renewed since', weight: 0.6 },
      { code: 'NPS_DETRACTOR', text: 'latest NPS answer is 3, a detractor (0-6)', weight: 0.35 },
    ]);
  });

  it('ignores passive and promoter answers', () => {
    const passive = { score: 7, category: 'passive', at: days(8) } as const;
    expect(scoreChurnRisk(calm({ lastNps: passive }), NOW).score).toBe(0);
  });

  it('adds 1 - P(alive) once the fitted model doubts the customer, and nothing before the first fit', () => {
    const doubtful = scoreChurnRisk(calm({ pAlive: 0.35 }), NOW);
    expect(doubtful).toMatchObject({ score: 0.65, band: 'medium' });
    expect(doubtful.reasons).toEqual([
      {
        code: 'P_ALIVE_LOW',
        text: 'BG/NBD gives a 35% probability that the customer still buys',
        weight: 0.65,
      },
    ]);
    expect(scoreChurnRisk(calm({ pAlive: 0.85 }), NOW).reasons).toEqual([]);
    expect(scoreChurnRisk(calm(), NOW).reasons).toEqual([]);
  });

  it('names the purchase model that gave P(alive)', () => {
    const reasons = scoreChurnRisk(calm({ pAlive: 0.35, pAliveModel: 'pareto-nbd' }), NOW).reasons;
    expect(reasons.map((r) => r.text)).toEqual([
      'Pareto/NBD gives a 35% probability that the customer still buys',
    ]);
  });

  it('refuses a P(alive) outside [0, 1]', () => {
    expect(() => scoreChurnRisk(calm({ pAlive: 1.2 }), NOW)).toThrow(RangeError);
    expect(() => scoreChurnRisk(calm({ pAlive: Number.NaN }), NOW)).toThrow(RangeError);
  });

  it('takes a customer who stops buying to medium at 2x their interval and high at 3x, by time alone', () => {
    const state = stateAfter([order(0, 'o-1'), order(30, 'o-2'), order(60, 'o-3')]);
    const at = (now: number) => scoreChurnRisk(churnInputFromState(state, now), now);

    const walk: Array<[number, ChurnAssessment]> = [];
    let now: number | null = days(61);
    while (now !== null) {
      const assessment = at(now);
      expect(at(now - 1).band).toBe(walk.length === 0 ? 'low' : walk[walk.length - 1][1].band);
      walk.push([now, assessment]);
      now = assessment.nextReviewAt;
    }

    expect(walk.map(([t, a]) => [t, a.band, a.score])).toEqual([
      [days(61), 'low', 0],
      [days(120), 'medium', 0.5],
      [days(150), 'high', 0.8],
      [days(60 + 365) + 1, 'high', 0.98],
    ]);
    expect(walk[1][1].reasons).toEqual([
      {
        code: 'OVERDUE_PURCHASE',
        text: "no purchase for 2x the customer's usual 30 days between purchases",
        weight: 0.5,
      },
    ]);
    expect(codes(walk[3][1])).toEqual(['INACTIVE', 'OVERDUE_PURCHASE']);
    expect(walk[3][1].nextReviewAt).toBeNull();
  });

  it('measures a one-time buyer against the 90-day population default', () => {
    const oneTime = calm({ typicalPurchaseIntervalMs: null, lastPurchaseAt: days(0), lastSeenAt: days(0) });
    const first = scoreChurnRisk(oneTime, days(1));
    expect(first.nextReviewAt).toBe(days(180));
    const overdue = scoreChurnRisk(oneTime, days(180));
    expect(overdue.band).toBe('medium');
    expect(overdue.reasons[0]?.text).toBe(
      'no purchase for 2x the 90 days a one-time buyer usually takes to come back',
    );
  });

  it('never marks a prospect without purchases overdue, only inactive', () => {
    const prospect = calm({
      typicalPurchaseIntervalMs: null,
      lastPurchaseAt: null,
      currentStage: 'consideration',
    });
    expect(scoreChurnRisk(prospect, days(300))).toMatchObject({ score: 0, nextReviewAt: days(9 + 365) + 1 });
    expect(codes(scoreChurnRisk(prospect, days(9 + 365) + 1))).toEqual(['INACTIVE']);
  });

  it('reports no review time once every time-based signal has fired', () => {
    const gone = calm({ lastPurchaseAt: days(0), lastSeenAt: days(0) });
    expect(scoreChurnRisk(gone, days(400)).nextReviewAt).toBeNull();
  });
});
