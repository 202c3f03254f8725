import { JourneyEvent, OUTBOUND_TOPICS } from '@pipeline/contracts';
import fc from 'fast-check';
import { journeyArbitrary } from '../../test/journey-event.arbitrary';
import { DEFAULT_CHURN_THRESHOLDS } from '../churn/churn-thresholds';
import { JourneyState } from '../journey-state';
import { EmittedOutputs } from './emitted-outputs';
import { DerivedRecord } from './derived-record';
import { FoldItem, foldJourneyEvents } from './fold-journey-events';
import { OutputSettings } from './output-settings';

const settings: OutputSettings = {
  currency: 'EUR',
  relationshipYears: 3,
  horizonMonths: 12,
  annualDiscountRate: 0.1,
  churnThresholds: DEFAULT_CHURN_THRESHOLDS,
};
const context = { customerId: 'cust-1', recentEventIds: 32, settings };

const itemsOf = (events: readonly JourneyEvent[]): FoldItem[] =>
  events.map((event, offset) => ({ event, delivery: { topic: 't', partition: 0, offset: String(offset) } }));

/** Folds the items in consecutive chunks of the given sizes, as units of work of those sizes would. */
function foldInChunks(items: readonly FoldItem[], sizes: readonly number[]): DerivedRecord[] {
  let state: JourneyState | undefined;
  let emitted: EmittedOutputs = {};
  const records: DerivedRecord[] = [];
  let start = 0;
  for (let i = 0; start < items.length; i += 1) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    const result = foldJourneyEvents(state, emitted, items.slice(start, start + size), context);
    state = result.state;
    emitted = result.emitted;
    records.push(...result.records);
    start += size;
  }
  return records;
}

describe(foldJourneyEvents.name, () => {
  it('derives the same records, ids and payloads, however the events are cut into units', () => {
    // Events are derived per causing event; the compacted profile is coalesced per unit, so only its
    // latest record must agree.
    const events = (records: readonly DerivedRecord[]) =>
      records.filter((r) => r.topic !== OUTBOUND_TOPICS.profile);
    const latestProfile = (records: readonly DerivedRecord[]) =>
      records.filter((r) => r.topic === OUTBOUND_TOPICS.profile).at(-1)?.value;
    fc.assert(
      fc.property(
        journeyArbitrary(30),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
        (journey, sizes) => {
          const items = itemsOf(journey);
          const whole = foldInChunks(items, [items.length]);
          for (const cut of [foldInChunks(items, sizes), foldInChunks(items, [1])]) {
            expect(events(cut)).toEqual(events(whole));
            expect(latestProfile(cut)).toEqual(latestProfile(whole));
          }
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
  });

  it('names the causing event in every derived id, and only events that can change CLV cause a CLV event', () => {
    fc.assert(
      fc.property(journeyArbitrary(30), (events) => {
        const { records } = foldJourneyEvents(undefined, {}, itemsOf(events), context);
        const byId = new Map(events.map((event) => [event.eventId, event]));
        for (const record of records) {
          const cause = [...byId.keys()].find((id) => record.id.endsWith(`:${id}`));
          expect(cause).toBeDefined();
          if (record.topic === OUTBOUND_TOPICS.clv) {
            const event = byId.get(cause ?? '');
            expect(
              event?.stage === 'conversion' || (event?.stage === 'awareness' && 'cost' in event.properties),
            ).toBe(true);
          }
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('sets aside an event whose application throws and applies the ones after it', () => {
    const [events] = fc.sample(
      journeyArbitrary(3, ['product_viewed']).filter((e) => e.length === 3),
      { numRuns: 1, seed: 3 },
    );
    const [first, second, third] = itemsOf(events ?? []);
    if (!first || !second || !third) throw new Error('expected three events');
    const broken: FoldItem = { ...second, delivery: { ...second.delivery, partition: -1 } };
    const result = foldJourneyEvents(undefined, {}, [first, broken, third], context);
    expect(result.quarantined).toHaveLength(1);
    expect(result.quarantined[0]).toMatchObject({ index: 1, stage: 'fold' });
    expect(result.quarantined[0]?.error).toBeInstanceOf(RangeError);
    expect(result.appliedEvents.map((e) => e.eventId)).toEqual([first.event.eventId, third.event.eventId]);
  });
});
