import { JourneyEvent, parseJourneyEvent } from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { DEFAULT_CHURN_THRESHOLDS } from '../churn/churn-thresholds';
import { JourneyState } from '../journey-state';
import { reduceEvents } from '../reduce-events';
import { ClvModelSnapshot } from './clv-model-snapshot';
import { deriveOutputs } from './derive-outputs';
import { OutputSettings } from './output-settings';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const settings: OutputSettings = {
  currency: 'EUR',
  relationshipYears: 3,
  horizonMonths: 12,
  annualDiscountRate: 0.1,
  churnThresholds: DEFAULT_CHURN_THRESHOLDS,
};

function stateOf(...wire: Array<ReturnType<typeof envelope>>): JourneyState {
  const events: JourneyEvent[] = wire.map((w) => {
    const parsed = parseJourneyEvent(JSON.stringify(w));
    if (!parsed.ok) throw new Error(parsed.reason.message);
    return parsed.event;
  });
  return { ...reduceEvents(events).get('c')!, wm: {}, ids: [] };
}

const at = (daysBeforeNow: number): string => new Date(NOW - daysBeforeNow * DAY).toISOString();
const order = (id: string, amount: string, daysAgo: number) =>
  envelope('order_placed', {
    customerId: 'c',
    eventId: id,
    occurredAt: at(daysAgo),
    properties: { orderId: id, amount, currency: 'EUR' },
  });

describe(deriveOutputs.name, () => {
  const base = { customerId: 'c', previous: {}, now: NOW, settings, recomputeClv: true } as const;

  it('emits nothing for a visitor who never bought', () => {
    const state = stateOf(envelope('product_viewed', { customerId: 'c', occurredAt: at(3) }));
    const out = deriveOutputs({ ...base, state, trigger: { kind: 'event', eventId: 'e' } });
    // Only the visitor's profile, and the digest that remembers it.
    expect(out).toEqual({
      emitted: { profile: expect.any(String) as string },
      profile: expect.anything() as unknown,
    });
  });

  it('values a first purchase with the simple model, annualised over at least a year', () => {
    const state = stateOf(order('o1', '100.00', 10));
    const out = deriveOutputs({
      ...base,
      state,
      clvAsOf: NOW - 10 * DAY,
      trigger: { kind: 'event', eventId: 'o1' },
    });
    // 100.00 within the first year is 100.00 a year, x 3 years, no acquisition cost.
    expect(out.clvEvent?.simple).toMatchObject({
      value: '300.00',
      annualRevenue: '100.00',
      relationshipYears: 3,
      acquisitionCost: '0.00',
    });
    expect(out.clvEvent).toMatchObject({
      predictive: null,
      segment: 'unranked',
      trigger: { kind: 'event', eventId: 'o1' },
    });
    expect(out.clvEvent?.eventId).toBe('clv:1:c:o1');
    expect(out.churnEvent).toMatchObject({
      band: 'low',
      previousBand: null,
      trigger: { kind: 'event', eventId: 'o1' },
    });
  });

  it('emits again only what changed', () => {
    const state = stateOf(order('o1', '100.00', 10));
    const first = deriveOutputs({ ...base, state, clvAsOf: NOW, trigger: { kind: 'event', eventId: 'o1' } });
    const again = deriveOutputs({
      ...base,
      state,
      previous: first.emitted,
      clvAsOf: NOW,
      trigger: { kind: 'event', eventId: 'x' },
    });
    expect(again.clvEvent).toBeUndefined();
    expect(again.churnEvent).toBeUndefined();
  });

  it('raises the band to high with the reason when two incidents are open, and lowers it once resolved', () => {
    const bought = order('o1', '20.00', 5);
    const reported = [1, 2].map((n) =>
      envelope('incident_reported', {
        customerId: 'c',
        eventId: `i${n}`,
        occurredAt: at(4),
        properties: { incidentId: `i${n}`, kind: 'damaged' },
      }),
    );
    const low = deriveOutputs({ ...base, state: stateOf(bought), trigger: { kind: 'event', eventId: 'o1' } });
    const high = deriveOutputs({
      ...base,
      state: stateOf(bought, ...reported),
      previous: low.emitted,
      recomputeClv: false,
      trigger: { kind: 'event', eventId: 'i2' },
    });
    expect(high.churnEvent).toMatchObject({ band: 'high', previousBand: 'low' });
    expect(high.churnEvent?.reasons.map((r) => r.code)).toContain('OPEN_INCIDENTS');
    const resolved = [1, 2].map((n) =>
      envelope('incident_resolved', {
        customerId: 'c',
        eventId: `r${n}`,
        occurredAt: at(3),
        properties: { incidentId: `i${n}` },
      }),
    );
    const lower = deriveOutputs({
      ...base,
      state: stateOf(bought, ...reported, ...resolved),
      previous: high.emitted,
      recomputeClv: false,
      trigger: { kind: 'event', eventId: 'r2' },
    });
    expect(lower.churnEvent).toMatchObject({ band: 'low', previousBand: 'high' });
  });

  it('adds the predictive value, segment and model version once models are fitted', () => {
    const model: ClvModelSnapshot = {
      version: 'm-1',
      fittedAt: new Date(NOW).toISOString(),
      fitMs: 1,
      unit: 'week',
      currency: 'EUR',
      bgNbd: { params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: -1, customers: 100 },
      gammaGamma: { params: { p: 6, q: 4, v: 15 }, logLikelihood: -1, customers: 50 },
      fallbackSpendMinor: 3000,
      observedRelationshipYears: 2,
      segmentThresholds: { p50: 1000, p75: 5000, p90: 20000 },
    };
    const state = stateOf(order('o1', '30.00', 60), order('o2', '50.00', 20));
    const out = deriveOutputs({ ...base, state, model, trigger: { kind: 'refit', modelVersion: 'm-1' } });
    expect(out.clvEvent?.predictive).toMatchObject({
      modelVersion: 'm-1',
      horizonMonths: 12,
      inputs: { unit: 'week', frequency: 1 },
    });
    expect(out.clvEvent?.simple).toMatchObject({
      relationshipYears: 2,
      relationshipSource: 'observed-churn',
    });
    expect(out.clvEvent?.segment).not.toBe('unranked');
    expect(out.clvEvent?.eventId).toBe('clv:1:c:refit-m-1');
  });

  it('forgets the outputs of a customer whose every order was cancelled', () => {
    const placed = order('o1', '100.00', 10);
    const first = deriveOutputs({
      ...base,
      state: stateOf(placed),
      trigger: { kind: 'event', eventId: 'o1' },
    });
    expect(first.emitted.clv).toBeDefined();
    const cancelled = envelope('order_cancelled', {
      customerId: 'c',
      eventId: 'x1',
      occurredAt: at(9),
      properties: { orderId: 'o1' },
    });
    const after = deriveOutputs({
      ...base,
      state: stateOf(placed, cancelled),
      previous: first.emitted,
      trigger: { kind: 'event', eventId: 'x1' },
    });
    expect(after.emitted).toEqual({ profile: expect.any(String) as string });
    expect(after.emitted.profile).not.toBe(first.emitted.profile);
    expect(JSON.parse(after.profile?.value ?? '{}')).toMatchObject({ clv: null, churn: null });
    expect(after.clvEvent ?? after.churnEvent).toBeUndefined();
  });

  it('after a refit, stays silent for moves within the threshold', () => {
    const state = stateOf(order('o1', '100.00', 10));
    const first = deriveOutputs({ ...base, state, clvAsOf: NOW, trigger: { kind: 'event', eventId: 'o1' } });
    const later = deriveOutputs({
      ...base,
      state,
      previous: first.emitted,
      clvAsOf: NOW + 5 * DAY,
      clvMinChangeMinor: 1_000_000,
      trigger: { kind: 'refit', modelVersion: 'm-2' },
    });
    expect(later.clvEvent).toBeUndefined();
  });
});
