import { journeyEvent, minutes, stateAfter } from '../../test/journey-event.fixture';
import { indexEntriesFor, storedJourneyIndexEntries } from './population-index-entries';
import { UnreadableJourneyError } from '../read-journey-state';

const customerId = 'customer-1';
const shopper = [
  journeyEvent('ad_impression', minutes(0), { customerId }),
  journeyEvent('product_viewed', minutes(2), { customerId }),
  journeyEvent('order_placed', minutes(5), { customerId }),
];

describe(indexEntriesFor.name, () => {
  it('sets the customer, each stage entered, and each order still standing, scored by time', () => {
    const changes = indexEntriesFor(customerId, stateAfter(shopper), {}, []);
    expect(changes).toEqual(
      expect.arrayContaining([
        { index: 'customers', op: 'set', member: customerId, score: minutes(0) },
        { index: 'stage:awareness', op: 'set', member: customerId, score: minutes(0) },
        { index: 'stage:consideration', op: 'set', member: customerId, score: minutes(2) },
        { index: 'stage:conversion', op: 'set', member: customerId, score: minutes(5) },
        { index: 'orders', op: 'set', member: `${customerId} order-1`, score: minutes(5) },
      ]),
    );
  });

  it('removes a cancelled order and the outputs nothing was emitted for', () => {
    const state = stateAfter([...shopper, journeyEvent('order_cancelled', minutes(9), { customerId })]);
    const changes = indexEntriesFor(customerId, state, {}, []);
    expect(changes).toEqual(
      expect.arrayContaining([
        { index: 'orders', op: 'remove', member: `${customerId} order-1` },
        { index: 'clv', op: 'remove', member: customerId },
        { index: 'churn-band', op: 'remove', member: customerId },
        { index: 'churn-due', op: 'remove', member: customerId },
      ]),
    );
  });

  it('scores CLV by the predictive value when there is one, churn by band and next review', () => {
    const changes = indexEntriesFor(
      customerId,
      stateAfter(shopper),
      {
        clv: { simpleMinor: 5_990, predictiveMinor: 12_000, modelVersion: 'm1' },
        churn: { band: 'high', score: 0.9, nextReviewAt: null },
      },
      [],
    );
    expect(changes).toEqual(
      expect.arrayContaining([
        { index: 'clv', op: 'set', member: customerId, score: 12_000 },
        { index: 'churn-band', op: 'set', member: customerId, score: 2 },
        { index: 'churn-due', op: 'remove', member: customerId },
      ]),
    );
  });

  it("adds the batch's NPS answers as '<customerId> <eventId> <score>'", () => {
    const answer = journeyEvent('nps_response', minutes(20), { customerId, eventId: 'nps-1' });
    const state = stateAfter([...shopper, answer]);
    expect(indexEntriesFor(customerId, state, {}, [answer])).toContainEqual({
      index: 'nps',
      op: 'set',
      member: `${customerId} nps-1 9`,
      score: minutes(20),
    });
  });
});

describe(storedJourneyIndexEntries.name, () => {
  it('reads the stored state and outputs, and refuses a state it cannot read', () => {
    const state = stateAfter(shopper);
    expect(storedJourneyIndexEntries(customerId, JSON.stringify(state), null)).toEqual(
      indexEntriesFor(customerId, state, {}, []),
    );
    expect(() => storedJourneyIndexEntries(customerId, '{"sv":1,', null)).toThrow(UnreadableJourneyError);
  });
});
