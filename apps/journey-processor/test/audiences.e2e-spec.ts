import {
  AudienceFilter,
  ChurnBand,
  CustomerProfileV1,
  EnvelopeOf,
  EventType,
  JOURNEY_INPUT_TOPICS,
  OUTBOUND_TOPICS,
  audienceAttributes,
  matchesAudience,
  parseJourneyEvent,
} from '@pipeline/contracts';
import { foldJourneyEvents } from '@pipeline/journey-domain';
import { envelope } from '@pipeline/testing';
import { createHash } from 'node:crypto';
import { PROCESSOR_SETTINGS, ProcessorSettings } from '../src/processor-settings';
import { ProcessorFixture } from './processor-fixture';

const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (days: number): string => new Date(NOW - days * DAY).toISOString();
const ADMIN_KEY = 'audience-test-admin-key';

let seq = 0;
const id = (customerId: string): string => `${customerId}-e${(seq += 1)}`;
const order = (customerId: string, amount: string, days: number): EnvelopeOf<'order_placed'> =>
  envelope('order_placed', {
    customerId,
    eventId: id(customerId),
    occurredAt: daysAgo(days),
    properties: { orderId: `${id(customerId)}-order`, amount, currency: 'EUR' },
  });
const view = (customerId: string, days: number): EnvelopeOf<'product_viewed'> =>
  envelope('product_viewed', { customerId, eventId: id(customerId), occurredAt: daysAgo(days) });
const consent = (
  customerId: string,
  channel: 'email' | 'sms',
  status: 'granted' | 'withdrawn',
  days: number,
): EnvelopeOf<'consent_updated'> =>
  envelope('consent_updated', {
    customerId,
    eventId: id(customerId),
    occurredAt: daysAgo(days),
    properties: { channel, status, source: 'preference_centre' },
  });
const incident = (customerId: string, days: number): EnvelopeOf<'incident_reported'> =>
  envelope('incident_reported', {
    customerId,
    eventId: id(customerId),
    occurredAt: daysAgo(days),
    properties: { incidentId: id(customerId), kind: 'damaged' },
  });

/** A population with every filter's cases, sent in two waves so profiles span several units. */
const EVENTS: ReadonlyArray<EnvelopeOf<EventType>> = [
  view('aud-a1', 40),
  order('aud-a1', '30.00', 30),
  consent('aud-a1', 'email', 'granted', 29),
  order('aud-a2', '120.00', 20),
  consent('aud-a2', 'email', 'granted', 19),
  order('aud-a3', '60.00', 15),
  order('aud-b1', '200.00', 90),
  order('aud-b1', '150.00', 10),
  consent('aud-b1', 'email', 'granted', 50),
  consent('aud-b1', 'email', 'withdrawn', 9),
  order('aud-b2', '80.00', 60),
  order('aud-b2', '90.00', 5),
  consent('aud-b2', 'sms', 'granted', 4),
  order('aud-c1', '45.00', 40),
  incident('aud-c1', 3),
  incident('aud-c1', 2),
  envelope('nps_response', {
    customerId: 'aud-c1',
    eventId: 'aud-c1-nps',
    occurredAt: daysAgo(2),
    properties: { score: 2 },
  }),
  order('aud-d1', '75.00', 300),
  view('aud-d1', 200),
  view('aud-v1', 12),
  consent('aud-v1', 'email', 'granted', 11),
  view('aud-v2', 150),
  view('aud-v3', 1),
  consent('aud-v3', 'email', 'granted', 7),
  consent('aud-v3', 'email', 'withdrawn', 8),
];

const FILTERS: ReadonlyArray<{ name: string; query: string; filter: AudienceFilter }> = [
  { name: 'high churn', query: 'churnBand=high', filter: { churnBands: ['high'] } },
  {
    name: 'buyers who granted email',
    query: 'stage=conversion,retention&consent=email',
    filter: { stages: ['conversion', 'retention'], consent: ['email'] },
  },
  {
    name: 'CLV between 50 and 500',
    query: 'minClv=50&maxClv=500',
    filter: { minClvMinor: 5_000, maxClvMinor: 50_000 },
  },
  {
    name: 'not seen for 100 days',
    query: `lastSeenBefore=${encodeURIComponent(daysAgo(100))}`,
    filter: { lastSeenBefore: NOW - 100 * DAY },
  },
  {
    name: 'unranked, low or medium churn, seen in the last 30 days',
    query: `clvSegment=unranked&churnBand=low&churnBand=medium&lastSeenAfter=${encodeURIComponent(daysAgo(30))}`,
    filter: {
      clvSegments: ['unranked'],
      churnBands: ['low', 'medium'] as ChurnBand[],
      lastSeenAfter: NOW - 30 * DAY,
    },
  },
  { name: 'email consent', query: 'consent=email', filter: { consent: ['email'] } },
];

/** The audience a batch recomputation selects: every customer's events folded at once. */
function recomputed(filter: AudienceFilter, settings: ProcessorSettings): string[] {
  const customers = [...new Set(EVENTS.map((e) => e.customerId))];
  return customers
    .filter((customerId) => {
      const items = EVENTS.filter((e) => e.customerId === customerId).map((wire, offset) => {
        const parsed = parseJourneyEvent(JSON.stringify(wire));
        if (!parsed.ok) throw new Error(parsed.reason.message);
        return { event: parsed.event, delivery: { topic: 'batch', partition: 0, offset: String(offset) } };
      });
      const fold = foldJourneyEvents(undefined, {}, items, {
        customerId,
        recentEventIds: settings.recentEventIds,
        settings: settings.outputs,
      });
      const value = fold.records.filter((r) => r.topic === OUTBOUND_TOPICS.profile).at(-1)?.value;
      if (!value) throw new Error(`no profile for ${customerId}`);
      return matchesAudience(audienceAttributes(JSON.parse(value) as CustomerProfileV1), filter);
    })
    .sort();
}

describe('journey processor: audiences over HTTP', () => {
  const fixture = new ProcessorFixture('audiences', {
    ADMIN_API_KEY_SHA256: createHash('sha256').update(ADMIN_KEY).digest('hex'),
  });
  const auth = { authorization: `Bearer ${ADMIN_KEY}` };
  let settings: ProcessorSettings;
  let late = 0;

  /** A brand-new visitor arriving while a walk is under way: it matches none of the filters. */
  async function keepArriving(): Promise<void> {
    late += 1;
    await fixture.kafka.publishEnvelopes([view(`aud-late-${late}`, 0)]);
  }

  async function walk(query: string, accept: 'json' | 'csv'): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const url = fixture.url(`/audiences/customers?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const response = await fetch(url, {
        headers: { ...auth, ...(accept === 'csv' && { accept: 'text/csv' }) },
      });
      expect(response.status).toBe(200);
      if (accept === 'csv') {
        expect(response.headers.get('content-type')).toContain('text/csv');
        const [header, ...lines] = (await response.text()).split('\r\n').filter((line) => line !== '');
        expect(header.split(',')[0]).toBe('customerId');
        ids.push(...lines.map((line) => line.split(',')[0]));
        cursor = response.headers.get('x-next-cursor');
      } else {
        const body = (await response.json()) as { customers: CustomerProfileV1[]; nextCursor: string | null };
        ids.push(...body.customers.map((c) => c.customerId));
        cursor = body.nextCursor;
      }
      await keepArriving();
      if (cursor === null) return ids;
    }
    throw new Error('the walk did not end');
  }

  beforeAll(async () => {
    const running = await fixture.start();
    settings = running.app.get<ProcessorSettings>(PROCESSOR_SETTINGS);
    const half = Math.floor(EVENTS.length / 2);
    for (const wave of [EVENTS.slice(0, half), EVENTS.slice(half)]) {
      await fixture.kafka.publishEnvelopes(wave);
      await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, JOURNEY_INPUT_TOPICS);
    }
  }, 120_000);

  afterAll(() => fixture.dispose());

  it('asks for the admin key', async () => {
    expect((await fetch(fixture.url('/audiences/customers'))).status).toBe(401);
    expect((await fetch(fixture.url('/audiences/counts'))).status).toBe(401);
  });

  it('refuses an unknown filter or value rather than widening the audience', async () => {
    const response = await fetch(fixture.url('/audiences/customers?churnBand=extreme'), { headers: auth });
    expect(response.status).toBe(400);
    expect((await fetch(fixture.url('/audiences/counts?band=high'), { headers: auth })).status).toBe(400);
  });

  it.each(FILTERS)(
    'walks $name in JSON and CSV across pages, as a batch recomputation selects',
    async ({ query, filter }) => {
      const expected = recomputed(filter, settings);
      // Every filter selects some customers and leaves some out: neither side of it is vacuous.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(new Set(EVENTS.map((e) => e.customerId)).size);
      const json = await walk(query, 'json');
      const csv = await walk(query, 'csv');
      expect(json).toEqual(expected);
      expect(csv).toEqual(expected);
      const counts = await fetch(fixture.url(`/audiences/counts?${query}`), { headers: auth });
      expect(await counts.json()).toEqual({ count: expected.length });
    },
  );

  it('selects the expected customers for hand-checked filters', () => {
    // aud-v3's withdrawal arrives last but was answered before its grant: the grant stands.
    expect(recomputed({ consent: ['email'] }, settings)).toEqual(['aud-a1', 'aud-a2', 'aud-v1', 'aud-v3']);
    expect(recomputed({ lastSeenBefore: NOW - 100 * DAY }, settings)).toEqual(['aud-d1', 'aud-v2']);
  });

  it('drops an erased customer from audiences and counts', async () => {
    await fetch(fixture.url('/customers/aud-a1'), { method: 'DELETE', headers: auth });
    expect(await walk('consent=email', 'json')).toEqual(['aud-a2', 'aud-v1', 'aud-v3']);
    const counts = await fetch(fixture.url('/audiences/counts?consent=email'), { headers: auth });
    expect(await counts.json()).toEqual({ count: 3 });
  });
});
