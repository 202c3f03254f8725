import {
  CustomerProfileV1,
  EnvelopeOf,
  EventType,
  IDENTITY_TOPIC,
  IdentifyEnvelope,
  JOURNEY_INPUT_TOPICS,
  OUTBOUND_TOPICS,
  parseJourneyEvent,
} from '@pipeline/contracts';
import { FoldItem, foldJourneyEvents } from '@pipeline/journey-domain';
import { envelope } from '@pipeline/testing';
import { ConfigResourceTypes } from 'kafkajs';
import { createHash } from 'node:crypto';
import { PROCESSOR_SETTINGS, ProcessorSettings } from '../src/processor-settings';
import { ProcessorFixture } from './processor-fixture';

const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (days: number): string => new Date(NOW - days * DAY).toISOString();
const ADMIN_KEY = 'profile-test-admin-key';
const PROFILE = OUTBOUND_TOPICS.profile;

function order(customerId: string, n: number, amount: string, days: number): EnvelopeOf<'order_placed'> {
  return envelope('order_placed', {
    customerId,
    eventId: `${customerId}-o${n}`,
    occurredAt: daysAgo(days),
    properties: { orderId: `${customerId}-order-${n}`, amount, currency: 'EUR' },
  });
}

function view(
  customerId: string,
  n: number,
  days: number,
  anonymousId?: string,
): EnvelopeOf<'product_viewed'> {
  return envelope('product_viewed', {
    customerId,
    ...(anonymousId && { anonymousId }),
    eventId: `${customerId}-v${n}`,
    occurredAt: daysAgo(days),
  });
}

/** Three waves, each processed before the next is sent: every customer's profile spans several units. */
const WAVES: ReadonlyArray<ReadonlyArray<EnvelopeOf<EventType>>> = [
  [view('p-ann', 1, 60), view('p-bob', 1, 50), view('p-anon', 1, 45, 'p-anon'), view('p-cat', 1, 40)],
  [order('p-ann', 1, '80.00', 30), order('p-bob', 1, '40.00', 20), view('p-ann', 2, 25)],
  [
    order('p-ann', 2, '25.00', 10),
    envelope('nps_response', {
      customerId: 'p-ann',
      eventId: 'p-ann-nps',
      occurredAt: daysAgo(8),
      properties: { score: 10 },
    }),
    view('p-bob', 2, 5),
  ],
];

const IDENTIFY: IdentifyEnvelope = {
  eventId: 'p-cat-identify',
  customerId: 'p-cat',
  type: 'identify',
  occurredAt: daysAgo(4),
  properties: { anonymousId: 'p-anon' },
  schemaVersion: 1,
};

/** The profile a batch recomputation gives: every event of the customer folded in one unit. */
function recomputedProfile(customerId: string, settings: ProcessorSettings): CustomerProfileV1 | undefined {
  const items: FoldItem[] = WAVES.flat()
    .filter((e) => e.customerId === customerId)
    .map((wire, offset) => {
      const parsed = parseJourneyEvent(JSON.stringify(wire));
      if (!parsed.ok) throw new Error(parsed.reason.message);
      return { event: parsed.event, delivery: { topic: 'batch', partition: 0, offset: String(offset) } };
    });
  const fold = foldJourneyEvents(undefined, {}, items, {
    customerId,
    recentEventIds: settings.recentEventIds,
    settings: settings.outputs,
  });
  const value = fold.records.filter((r) => r.topic === PROFILE).at(-1)?.value;
  return value ? (JSON.parse(value) as CustomerProfileV1) : undefined;
}

type Bootstrapped = Map<string, Array<CustomerProfileV1 | null>>;

describe('journey processor: the customer.profile.v1 changelog', () => {
  const fixture = new ProcessorFixture('profiles', {
    ADMIN_API_KEY_SHA256: createHash('sha256').update(ADMIN_KEY).digest('hex'),
    // One partition: a record for any customer rolls the segment every other customer's profiles are in.
    KAFKA_TOPIC_PARTITIONS: '1',
  });
  let settings: ProcessorSettings;

  /** What a new consumer reading from offset 0 gets, per key, in offset order. */
  async function bootstrap(): Promise<Bootstrapped> {
    const byKey: Bootstrapped = new Map();
    for (const { key, value } of await fixture.kafka.readToEnd(PROFILE)) {
      const list = byKey.get(key ?? '') ?? [];
      list.push(value === null ? null : (JSON.parse(value.toString()) as CustomerProfileV1));
      byKey.set(key ?? '', list);
    }
    return byKey;
  }

  const latest = (profiles: Bootstrapped): Map<string, CustomerProfileV1 | null | undefined> =>
    new Map([...profiles].map(([key, list]) => [key, list.at(-1)]));

  beforeAll(async () => {
    const running = await fixture.start();
    settings = running.app.get<ProcessorSettings>(PROCESSOR_SETTINGS);
    for (const wave of WAVES) {
      await fixture.kafka.publishEnvelopes(wave);
      await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, JOURNEY_INPUT_TOPICS);
    }
    await fixture.kafka.publishRaw([
      { topic: IDENTITY_TOPIC, key: 'p-cat', value: JSON.stringify(IDENTIFY) },
    ]);
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, JOURNEY_INPUT_TOPICS);
  }, 180_000);

  afterAll(() => fixture.dispose());

  it('is created compacted by the processor', async () => {
    const admin = fixture.kafka.kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: fixture.kafka.topic(PROFILE) }],
      });
      const policy = resources[0]?.configEntries.find((e) => e.configName === 'cleanup.policy');
      expect(policy?.configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
  });

  it('gives a new consumer every current profile, the same as a batch recomputation', async () => {
    const profiles = latest(await bootstrap());
    for (const customerId of ['p-ann', 'p-bob']) {
      expect(profiles.get(customerId)).toEqual(recomputedProfile(customerId, settings));
    }
    expect(profiles.get('p-ann')).toMatchObject({
      customerId: 'p-ann',
      stages: { current: 'advocacy', furthest: 'advocacy' },
      clv: { currency: 'EUR', segment: 'unranked' },
      churn: { band: 'low' },
      orders: { count: 2, netRevenue: '105.00' },
      firstSeenAt: daysAgo(60),
      lastSeenAt: daysAgo(8),
      reflects: { eventsApplied: 5, causingEventId: 'p-ann-nps' },
    });
    expect(profiles.get('p-cat')).toMatchObject({
      eventId: 'profile:5:p-cat:p-cat-identify',
      clv: null,
      churn: null,
      firstSeenAt: daysAgo(45),
    });
  });

  it('tombstones an anonymous id merged into a customer', async () => {
    const profiles = latest(await bootstrap());
    expect(profiles.get('p-anon')).toBeNull();
  });

  it("ends an erased customer's key in a tombstone, then compacts its history away", async () => {
    const response = await fetch(fixture.url('/customers/p-bob'), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(response.status).toBe(200);
    // The bootstrap read does not need compaction: the key's latest record is the tombstone.
    const before = await bootstrap();
    expect(before.get('p-bob')?.at(-1)).toBeNull();
    expect(before.get('p-bob')?.some((p) => p !== null)).toBe(true);
    // One profile per unit that changed it: three waves, three profiles before compaction.
    expect(before.get('p-ann')).toHaveLength(3);

    // Compaction, with topic settings that let the cleaner act within the test; the broker's
    // log.cleaner.backoff.ms (15 s by default, 1 s in scripts/infra/kafka.sh) paces it.
    const admin = fixture.kafka.kafka.admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: fixture.kafka.topic(PROFILE),
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'segment.ms', value: '100' },
            { name: 'min.cleanable.dirty.ratio', value: '0.01' },
            { name: 'min.compaction.lag.ms', value: '0' },
            // Long enough that the tombstone itself is still there when the test reads it.
            { name: 'delete.retention.ms', value: '600000' },
          ],
        },
      ],
    });
    await admin.disconnect();
    const deadline = Date.now() + 120_000;
    let compacted: Bootstrapped = before;
    let wave = 0;
    while (Date.now() < deadline) {
      // A new record rolls the active segment (older than segment.ms), so the cleaner may clean it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      wave += 1;
      await fixture.kafka.publishEnvelopes([view('p-roll', wave, 1)]);
      compacted = await bootstrap();
      const history = [...compacted].filter(([key]) => key !== 'p-roll');
      if (history.every(([, list]) => list.length === 1)) break;
    }
    expect(compacted.get('p-bob')).toEqual([null]);
    expect(compacted.get('p-anon')).toEqual([null]);
    expect(compacted.get('p-ann')).toEqual([recomputedProfile('p-ann', settings)]);
  }, 180_000);
});
