import {
  CustomerErasedEventV1,
  DEAD_LETTER_TOPIC,
  EnvelopeOf,
  EventType,
  IDENTITY_TOPIC,
  IdentifyEnvelope,
  JOURNEY_INPUT_TOPICS,
  OUTBOUND_TOPICS,
} from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ProcessorFixture } from './processor-fixture';

const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (days: number): string => new Date(NOW - days * DAY).toISOString();
const ADMIN_KEY = 'erasure-test-admin-key';
const REPO = resolve(__dirname, '../../..');
const DERIVED_TOPICS = [OUTBOUND_TOPICS.stageChanged, OUTBOUND_TOPICS.clv, OUTBOUND_TOPICS.churnRisk];

/** A customer with orders, an NPS answer, an open incident, CLV and churn risk, and a merged visitor. */
function fullJourney(customerId: string, anonymousId?: string): Array<EnvelopeOf<EventType>> {
  const events: Array<EnvelopeOf<EventType>> = [
    envelope('ad_click', {
      customerId,
      eventId: `${customerId}-click`,
      occurredAt: daysAgo(40),
      properties: { source: 'google', cost: '4.00', currency: 'EUR' },
    }),
    envelope('order_placed', {
      customerId,
      eventId: `${customerId}-o1`,
      occurredAt: daysAgo(30),
      properties: { orderId: `${customerId}-order-1`, amount: '80.00', currency: 'EUR' },
    }),
    envelope('order_placed', {
      customerId,
      eventId: `${customerId}-o2`,
      occurredAt: daysAgo(10),
      properties: { orderId: `${customerId}-order-2`, amount: '25.00', currency: 'EUR' },
    }),
    envelope('nps_response', {
      customerId,
      eventId: `${customerId}-nps`,
      occurredAt: daysAgo(8),
      properties: { score: 4 },
    }),
    envelope('incident_reported', {
      customerId,
      eventId: `${customerId}-inc`,
      occurredAt: daysAgo(6),
      properties: { incidentId: `${customerId}-incident`, kind: 'damaged' },
    }),
  ];
  if (anonymousId) {
    events.push(
      envelope('product_viewed', {
        customerId: anonymousId,
        anonymousId,
        eventId: `${anonymousId}-view`,
        occurredAt: daysAgo(45),
      }),
    );
  }
  return events;
}

function identify(customerId: string, anonymousId: string): IdentifyEnvelope {
  return {
    eventId: `${customerId}-identify`,
    customerId,
    type: 'identify',
    occurredAt: daysAgo(5),
    properties: { anonymousId },
    schemaVersion: 1,
  };
}

describe('journey processor: erasing a customer (right to be forgotten)', () => {
  const fixture = new ProcessorFixture('erasure', {
    ADMIN_API_KEY_SHA256: createHash('sha256').update(ADMIN_KEY).digest('hex'),
  });
  const prefix = fixture.ns.redisPrefix;
  const journeyKey = (id: string): string => `${prefix}j:{${id}}`;
  let erasedAt = 0;

  async function caughtUp(): Promise<void> {
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, JOURNEY_INPUT_TOPICS);
  }

  function erase(customerId: string, authorization?: string): Promise<Response> {
    return fetch(fixture.url(`/customers/${encodeURIComponent(customerId)}`), {
      method: 'DELETE',
      headers: authorization === undefined ? {} : { authorization },
    });
  }

  /** Everything under the test's prefix that still names the customer, by key, field, value or member. */
  async function remnantsOf(id: string): Promise<string[]> {
    const names = (text: string): boolean =>
      text === id || text.startsWith(`${id} `) || text.includes(`{${id}}`);
    const mentions = (text: string): boolean => names(text) || text.includes(`"${id}"`);
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await fixture.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        if (key === journeyKey(id)) continue;
        if (names(key)) found.push(key);
        const type = await fixture.redis.type(key);
        if (type === 'hash') {
          let fieldCursor = '0';
          do {
            const [nextField, flat] = await fixture.redis.hscan(key, fieldCursor, 'COUNT', 1000);
            fieldCursor = nextField;
            for (const item of flat) if (mentions(item)) found.push(`${key} ${item.slice(0, 80)}`);
          } while (fieldCursor !== '0');
        } else if (type === 'zset') {
          let memberCursor = '0';
          do {
            const [nextMember, flat] = await fixture.redis.zscan(key, memberCursor, 'COUNT', 1000);
            memberCursor = nextMember;
            for (let i = 0; i < flat.length; i += 2) if (names(flat[i])) found.push(`${key} ${flat[i]}`);
          } while (memberCursor !== '0');
        } else if (type === 'string') {
          if (mentions((await fixture.redis.get(key)) ?? '')) found.push(key);
        } else if (type === 'list') {
          for (const item of await fixture.redis.lrange(key, 0, -1)) if (mentions(item)) found.push(key);
        } else if (type === 'set') {
          for (const item of await fixture.redis.smembers(key)) if (mentions(item)) found.push(key);
        }
      }
    } while (cursor !== '0');
    return found;
  }

  async function derivedFor(customerId: string): Promise<number> {
    let count = 0;
    for (const topic of DERIVED_TOPICS) {
      const records = await fixture.kafka.readAll(topic);
      count += records.filter((r) => r.key === customerId).length;
    }
    return count;
  }

  async function erasedEvents(): Promise<CustomerErasedEventV1[]> {
    const records = await fixture.kafka.readAll(OUTBOUND_TOPICS.customerErased);
    return records.map((r) => JSON.parse(r.value!.toString()) as CustomerErasedEventV1);
  }

  beforeAll(async () => {
    await fixture.start();
    await fixture.kafka.publishEnvelopes([
      ...fullJourney('forget-me', 'visitor-fm'),
      ...fullJourney('cli-forget'),
      ...fullJourney('keep-me'),
    ]);
    await caughtUp();
    await fixture.kafka.publishRaw([
      {
        topic: IDENTITY_TOPIC,
        key: 'forget-me',
        value: JSON.stringify(identify('forget-me', 'visitor-fm')),
      },
    ]);
    await caughtUp();
  });

  afterAll(() => fixture.dispose());

  it('starts from a customer the pipeline knows everywhere', async () => {
    const index = (name: string): string => `${prefix}idx:${name}`;
    expect(await fixture.redis.zscore(index('customers'), 'forget-me')).not.toBeNull();
    expect(await fixture.redis.zscore(index('clv'), 'forget-me')).not.toBeNull();
    expect(await fixture.redis.zscore(index('churn-band'), 'forget-me')).not.toBeNull();
    expect(await fixture.redis.zscore(index('orders'), 'forget-me forget-me-order-1')).not.toBeNull();
    expect(await fixture.redis.zscore(index('nps'), 'forget-me forget-me-nps 4')).not.toBeNull();
    expect(await fixture.redis.hgetall(journeyKey('visitor-fm'))).toEqual({ a: 'forget-me' });
    expect((await remnantsOf('forget-me')).length).toBeGreaterThan(5);
  });

  it('answers 401 without the admin key or with a wrong one, and erases nothing', async () => {
    expect((await erase('forget-me')).status).toBe(401);
    expect((await erase('forget-me', 'Bearer not-the-key')).status).toBe(401);
    expect((await erase('forget-me', ADMIN_KEY)).status).toBe(401);
    expect((await fixture.journey('forget-me')).status).toBe(200);
  });

  it('erases the customer and the visitor merged into it, leaving only tombstones with the erasure time', async () => {
    const response = await erase('forget-me', `Bearer ${ADMIN_KEY}`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as Record<string, unknown>;
    expect(report).toMatchObject({
      customerId: 'forget-me',
      firstErasure: true,
      journeyFound: true,
      anonymousIdsErased: ['visitor-fm'],
    });
    erasedAt = Date.parse(String(report.erasedAt));
    for (const id of ['forget-me', 'visitor-fm']) {
      expect(await fixture.redis.hgetall(journeyKey(id))).toEqual({ x: String(erasedAt) });
      expect(await remnantsOf(id)).toEqual([]);
    }
    expect((await fixture.journey('forget-me')).status).toBe(404);
  });

  it('leaves other customers alone', async () => {
    expect((await fixture.journey('keep-me')).status).toBe(200);
    expect(await fixture.redis.zscore(`${prefix}idx:orders`, 'keep-me keep-me-order-1')).not.toBeNull();
    expect(await fixture.redis.zscore(`${prefix}idx:clv`, 'keep-me')).not.toBeNull();
  });

  it('publishes customer.erased.v1 for the customer and the merged visitor', async () => {
    const events = await erasedEvents();
    const ours = events.filter((e) => e.customerId === 'forget-me' || e.customerId === 'visitor-fm');
    expect(ours.sort((a, b) => a.customerId.localeCompare(b.customerId))).toEqual([
      {
        eventId: `customer-erased:9:forget-me:${erasedAt}`,
        customerId: 'forget-me',
        erasedAt: new Date(erasedAt).toISOString(),
        schemaVersion: 1,
      },
      {
        eventId: `customer-erased:10:visitor-fm:${erasedAt}`,
        customerId: 'visitor-fm',
        erasedAt: new Date(erasedAt).toISOString(),
        schemaVersion: 1,
      },
    ]);
  });

  it('drops late events of the erased customer: no state, no derived event, no index entry, no dead letter', async () => {
    const derivedBefore = await derivedFor('forget-me');
    await fixture.kafka.publishEnvelopes([
      envelope('order_placed', {
        customerId: 'forget-me',
        eventId: 'forget-me-late',
        occurredAt: daysAgo(1),
        properties: { orderId: 'late-order', amount: '10.00', currency: 'EUR' },
      }),
      envelope('product_viewed', {
        customerId: 'visitor-fm',
        eventId: 'visitor-fm-late',
        occurredAt: daysAgo(1),
      }),
    ]);
    await caughtUp();
    expect(await fixture.redis.hgetall(journeyKey('forget-me'))).toEqual({ x: String(erasedAt) });
    expect(await fixture.redis.hgetall(journeyKey('visitor-fm'))).toEqual({ x: String(erasedAt) });
    expect(await remnantsOf('forget-me')).toEqual([]);
    expect(await remnantsOf('visitor-fm')).toEqual([]);
    expect(await derivedFor('forget-me')).toBe(derivedBefore);
    // Dead letters are keyed by the SHA-256 of the original key.
    const keys = ['forget-me', 'visitor-fm'].map((id) => createHash('sha256').update(id).digest('hex'));
    const letters = await fixture.kafka.readAll(DEAD_LETTER_TOPIC);
    expect(letters.filter((r) => r.key !== null && keys.includes(r.key))).toEqual([]);
    const metrics = await (await fetch(fixture.url('/metrics'))).text();
    expect(metrics).toMatch(/journey_events_dropped_total\{[^}]*reason="CUSTOMER_ERASED"[^}]*\} [1-9]/);
  });

  it('answers a repeated erasure with the first erasure time and the same event', async () => {
    const response = await erase('forget-me', `Bearer ${ADMIN_KEY}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      erasedAt: new Date(erasedAt).toISOString(),
      firstErasure: false,
      journeyFound: false,
    });
    const ids = (await erasedEvents()).filter((e) => e.customerId === 'forget-me').map((e) => e.eventId);
    expect(new Set(ids).size).toBe(1);
  });

  it('records the erasure of a customer it never saw, so its events on the way are dropped', async () => {
    const response = await erase('not-yet-seen', `Bearer ${ADMIN_KEY}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ journeyFound: false, firstErasure: true });
    await fixture.kafka.publishEnvelopes([
      envelope('ad_click', { customerId: 'not-yet-seen', eventId: 'nys-1', occurredAt: daysAgo(1) }),
    ]);
    await caughtUp();
    expect(Object.keys(await fixture.redis.hgetall(journeyKey('not-yet-seen')))).toEqual(['x']);
    expect(await remnantsOf('not-yet-seen')).toEqual([]);
  });

  it('erases a customer from the command line with the same logic', async () => {
    expect((await remnantsOf('cli-forget')).length).toBeGreaterThan(5);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '-r',
        'ts-node/register',
        '-r',
        'tsconfig-paths/register',
        'apps/admin-cli/src/main.ts',
        'erase',
        'cli-forget',
      ],
      {
        cwd: REPO,
        env: {
          ...process.env,
          TS_NODE_TRANSPILE_ONLY: '1',
          TS_NODE_PROJECT: resolve(REPO, 'tsconfig.json'),
          KAFKA_BROKERS: fixture.config.KAFKA_BROKERS,
          REDIS_URL: fixture.config.REDIS_URL,
          KAFKA_TOPIC_PREFIX: fixture.config.KAFKA_TOPIC_PREFIX,
          REDIS_KEY_PREFIX: fixture.config.REDIS_KEY_PREFIX,
        },
        timeout: 120_000,
      },
    );
    const report = JSON.parse(stdout) as { erasedAt: string };
    expect(report).toMatchObject({ customerId: 'cli-forget', firstErasure: true, journeyFound: true });
    expect(await fixture.redis.hgetall(journeyKey('cli-forget'))).toEqual({
      x: String(Date.parse(report.erasedAt)),
    });
    expect(await remnantsOf('cli-forget')).toEqual([]);
    expect((await erasedEvents()).map((e) => e.customerId)).toContain('cli-forget');
  });
});
