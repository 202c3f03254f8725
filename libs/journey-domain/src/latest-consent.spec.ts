import { JourneyEvent, parseJourneyEvent } from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { consentView } from './consent-view';
import { JourneyState } from './journey-state';
import { mergeAnonymousJourney } from './merge-anonymous-journey';
import { recordEventFacts } from './record-event-facts';

const T0 = Date.UTC(2026, 2, 1);
const HOUR = 3_600_000;

function consent(
  eventId: string,
  hours: number,
  channel: 'email' | 'sms' | 'push' | 'ads',
  status: 'granted' | 'withdrawn',
  customerId = 'c',
): JourneyEvent {
  const wire = envelope('consent_updated', {
    customerId,
    eventId,
    occurredAt: new Date(T0 + hours * HOUR).toISOString(),
    properties: { channel, status, source: `src-${eventId}` },
  });
  const parsed = parseJourneyEvent(JSON.stringify(wire));
  if (!parsed.ok) throw new Error(parsed.reason.message);
  return parsed.event;
}

function fold(events: readonly JourneyEvent[]): JourneyState | undefined {
  return events.reduce<JourneyState | undefined>((state, event) => recordEventFacts(state, event), undefined);
}

describe('consent in the journey', () => {
  const given = consent('e1', 1, 'email', 'granted');
  const withdrawn = consent('e2', 2, 'email', 'withdrawn');
  const sms = consent('e3', 3, 'sms', 'granted');

  it('keeps the latest answer per channel by event time, in any arrival order', () => {
    const orders = [
      [given, withdrawn, sms],
      [withdrawn, given, sms],
      [sms, withdrawn, given],
    ];
    const views = orders.map((events) => consentView(fold(events)!));
    expect(views[0]).toEqual({
      email: { status: 'withdrawn', source: 'src-e2', at: new Date(T0 + 2 * HOUR).toISOString() },
      sms: { status: 'granted', source: 'src-e3', at: new Date(T0 + 3 * HOUR).toISOString() },
    });
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
  });

  it('breaks a tie of event times by eventId, whatever arrives first', () => {
    const a = consent('a', 5, 'push', 'granted');
    const b = consent('b', 5, 'push', 'withdrawn');
    expect(consentView(fold([a, b])!).push?.status).toBe('withdrawn');
    expect(consentView(fold([b, a])!).push?.status).toBe('withdrawn');
  });

  it('is no stage evidence', () => {
    expect(fold([given])).toMatchObject({ n: { consent_updated: 1 } });
    expect(fold([given])?.re).toBeUndefined();
  });

  it("brings a visitor's answers into the customer's journey on a merge, the latest winning", () => {
    const customer = fold([consent('c1', 4, 'email', 'granted')])!;
    const visitor = fold([
      consent('v1', 2, 'email', 'withdrawn', 'anon'),
      consent('v2', 1, 'ads', 'granted', 'anon'),
    ]);
    const merged = mergeAnonymousJourney(customer, visitor, 'anon');
    expect(consentView(merged)).toMatchObject({ email: { status: 'granted' }, ads: { status: 'granted' } });
  });
});
