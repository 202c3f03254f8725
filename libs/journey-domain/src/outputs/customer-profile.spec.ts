import { CustomerProfileV1, OUTBOUND_TOPICS, parseJourneyEvent } from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { DEFAULT_CHURN_THRESHOLDS } from '../churn/churn-thresholds';
import { JourneyState } from '../journey-state';
import { EmittedOutputs } from './emitted-outputs';
import { FoldItem, foldJourneyEvents } from './fold-journey-events';
import { OutputSettings } from './output-settings';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);
const settings: OutputSettings = {
  currency: 'EUR',
  relationshipYears: 3,
  horizonMonths: 12,
  annualDiscountRate: 0.1,
  churnThresholds: DEFAULT_CHURN_THRESHOLDS,
};
const context = { customerId: 'c', recentEventIds: 64, settings };

function item(wire: ReturnType<typeof envelope>, offset: number): FoldItem {
  const parsed = parseJourneyEvent(JSON.stringify(wire));
  if (!parsed.ok) throw new Error(parsed.reason.message);
  return {
    event: parsed.event,
    delivery: { topic: 't', partition: 0, offset: String(offset) },
  };
}

const items: FoldItem[] = [
  envelope('product_viewed', { customerId: 'c', eventId: 'v1', occurredAt: new Date(T0).toISOString() }),
  envelope('order_placed', {
    customerId: 'c',
    eventId: 'o1',
    occurredAt: new Date(T0 + DAY).toISOString(),
    properties: { orderId: 'o1', amount: '50.00', currency: 'EUR' },
  }),
  envelope('order_placed', {
    customerId: 'c',
    eventId: 'o2',
    occurredAt: new Date(T0 + 2 * DAY).toISOString(),
    properties: { orderId: 'o2', amount: '20.00', currency: 'EUR' },
  }),
].map(item);

/** Folds the items in units of `size`, as the processor would, and returns every profile record. */
function profilesInUnitsOf(size: number): CustomerProfileV1[] {
  let state: JourneyState | undefined;
  let emitted: EmittedOutputs = {};
  const profiles: CustomerProfileV1[] = [];
  for (let i = 0; i < items.length; i += size) {
    const fold = foldJourneyEvents(state, emitted, items.slice(i, i + size), context);
    state = fold.state;
    emitted = fold.emitted;
    for (const record of fold.records.filter((r) => r.topic === OUTBOUND_TOPICS.profile)) {
      expect(record.key).toBe('c');
      const profile = JSON.parse(record.value ?? 'null') as CustomerProfileV1;
      expect(profile.eventId).toBe(record.id);
      profiles.push(profile);
    }
  }
  return profiles;
}

describe('customer.profile.v1 in foldJourneyEvents', () => {
  it('emits one profile per unit, the last of the unit, named after the event that changed it', () => {
    const profiles = profilesInUnitsOf(3);
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({
      eventId: 'profile:1:c:o2',
      customerId: 'c',
      stages: { current: 'retention', furthest: 'retention' },
      clv: { currency: 'EUR', segment: 'unranked', predictive: null },
      churn: { band: 'low' },
      orders: { count: 2, netRevenue: '70.00' },
      firstSeenAt: new Date(T0).toISOString(),
      lastSeenAt: new Date(T0 + 2 * DAY).toISOString(),
      reflects: { eventsApplied: 3, causingEventId: 'o2' },
      schemaVersion: 1,
    });
  });

  it('ends on the same latest profile whatever the unit size', () => {
    const latest = [1, 2, 3].map((size) => profilesInUnitsOf(size).at(-1));
    expect(latest[0]).toEqual(latest[2]);
    expect(latest[1]).toEqual(latest[2]);
    expect(profilesInUnitsOf(1)).toHaveLength(3);
  });

  it('emits nothing when a redelivered event changes nothing', () => {
    const first = foldJourneyEvents(undefined, {}, items, context);
    const again = foldJourneyEvents(first.state, first.emitted, [items[2]], context);
    expect(again.records).toEqual([]);
  });

  it('has no CLV, churn or net revenue for a visitor who never bought', () => {
    const fold = foldJourneyEvents(undefined, {}, [items[0]], context);
    const profile = JSON.parse(fold.records.at(-1)?.value ?? 'null') as CustomerProfileV1;
    expect(profile).toMatchObject({ clv: null, churn: null, orders: { count: 0, netRevenue: null } });
  });
});
