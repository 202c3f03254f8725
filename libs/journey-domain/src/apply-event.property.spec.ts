import { JourneyEvent } from '@pipeline/contracts';
import fc from 'fast-check';
import { COMPETING_TYPES, journeyArbitrary, journeyWithPermutations } from '../test/journey-event.arbitrary';
import { applyInOrder, deliveryOf, minutes } from '../test/journey-event.fixture';
import { applyEvent } from './apply-event';
import { factsOf } from './journey-state';
import { reduceEvents } from './reduce-events';
import { summarize } from './summarize-journey';

const NOW = minutes(60);

function expectOrderIndependent([events, permutations]: [JourneyEvent[], JourneyEvent[][]]): void {
  const { state } = applyInOrder(events);
  const facts = JSON.stringify(factsOf(state!));
  const view = summarize(state!, 'cust-1', NOW);
  for (const permutation of permutations) {
    const { state: permuted } = applyInOrder(permutation);
    expect(JSON.stringify(factsOf(permuted!))).toBe(facts);
    expect(summarize(permuted!, 'cust-1', NOW)).toEqual(view);
  }
}

describe(`${applyEvent.name} (properties)`, () => {
  it('reaches the same facts, byte for byte, and the same view whatever order events arrive in', () => {
    fc.assert(fc.property(journeyWithPermutations(), expectOrderIndependent), { numRuns: 300 });
  });

  it('settles competing versions of one order, refund, incident or NPS answer the same in any order', () => {
    fc.assert(fc.property(journeyWithPermutations(COMPETING_TYPES), expectOrderIndependent), {
      numRuns: 1000,
    });
  });

  it('leaves the state untouched when every message is delivered a second time', () => {
    fc.assert(
      fc.property(journeyArbitrary(), (events) => {
        const once = applyInOrder(events).state!;
        let twice = once;
        events.forEach((event, offset) => {
          const result = applyEvent(twice, event, deliveryOf(event, offset));
          expect(result.outcome).toBe('duplicate');
          twice = result.state;
        });
        expect(twice).toEqual(once);

        let interleaved = undefined as typeof once | undefined;
        events.forEach((event, offset) => {
          for (let copy = 0; copy < 2; copy += 1) {
            interleaved = applyEvent(interleaved, event, deliveryOf(event, offset)).state;
          }
        });
        expect(interleaved).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });

  it('applies a producer duplicate once while it is within the recent-id window', () => {
    fc.assert(
      fc.property(journeyArbitrary(), fc.integer({ min: 0, max: 31 }), (events, lag) => {
        const resent = events.flatMap((event, i) => {
          const copyOf = events[i - lag];
          return copyOf === undefined ? [event] : [event, copyOf];
        });
        const { state, results } = applyInOrder(resent);
        const applied = results.filter((r) => r.outcome === 'applied').length;
        expect(applied).toBe(events.length);
        expect(factsOf(state!)).toEqual(factsOf(applyInOrder(events).state!));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the reference fold', () => {
    fc.assert(
      fc.property(journeyArbitrary(), (events) => {
        const reference = reduceEvents([...events, ...events]).get('cust-1');
        expect(reference).toEqual(factsOf(applyInOrder(events).state!));
      }),
      { numRuns: 100 },
    );
  });
});
