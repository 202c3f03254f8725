import { IDENTITY_TOPIC, INBOUND_TOPICS } from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { gzipSync } from 'node:zlib';
import { CollectorFixture, type TestKey } from './collector-fixture';

const SHOP_ORIGIN = 'https://shop.example';
const ALL: TestKey = {
  key: 'ck_all_9f2c4e1a7b3d5f60',
  entry: { id: 'shop-all', eventTypes: ['*'], corsOrigins: [SHOP_ORIGIN], ratePerMinute: 10_000 },
};
const VIEWS_ONLY: TestKey = {
  key: 'ck_views_1b2c3d4e5f6a7b8c',
  entry: {
    id: 'shop-views',
    eventTypes: ['product_viewed', 'added_to_cart'],
    corsOrigins: [],
    ratePerMinute: 10_000,
  },
};
const WITH_IDENTIFY: TestKey = {
  key: 'ck_ident_5e6f7a8b9c0d1e2f',
  entry: { id: 'shop-ident', eventTypes: ['*', 'identify'], corsOrigins: [], ratePerMinute: 10_000 },
};
const SLOW: TestKey = {
  key: 'ck_slow_0a1b2c3d4e5f6a7b',
  entry: { id: 'shop-slow', eventTypes: ['*'], corsOrigins: [], ratePerMinute: 2 },
};

const MINUTE = 60_000;
const bearer = (key: TestKey): Record<string, string> => ({ authorization: `Bearer ${key.key}` });

describe('collector: HTTP in, Kafka out', () => {
  const fixture = new CollectorFixture([ALL, VIEWS_ONLY, WITH_IDENTIFY, SLOW]);

  beforeAll(() => fixture.start());
  afterAll(() => fixture.dispose());

  it('accepts an event with a good key only once Kafka has it, with receivedAt and a skew-corrected occurredAt', async () => {
    // The client's clock runs 10 minutes fast; it sent the event 5 s after it happened.
    const clientNow = Date.now() + 10 * MINUTE;
    const event = envelope('order_placed', {
      customerId: 'c-collector-1',
      eventId: 'col-order-1',
      occurredAt: new Date(clientNow - 5_000).toISOString(),
      sentAt: new Date(clientNow).toISOString(),
    });
    const before = Date.now();
    const reply = await fixture.request('POST', '/v1/events', { headers: bearer(ALL), body: event });
    const after = Date.now();

    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ results: [{ index: 0, status: 'accepted', eventId: 'col-order-1' }] });
    const records = (await fixture.envelopesOn(INBOUND_TOPICS.conversion)).filter(
      (r) => r.envelope.eventId === 'col-order-1',
    );
    expect(records).toHaveLength(1);
    const [{ key, envelope: stored }] = records as [(typeof records)[number]];
    expect(key).toBe('c-collector-1');
    const receivedAt = Date.parse(stored.receivedAt as string);
    expect(receivedAt).toBeGreaterThanOrEqual(before);
    expect(receivedAt).toBeLessThanOrEqual(after);
    expect(Date.parse(stored.occurredAt as string)).toBe(receivedAt - 5_000);
    expect(stored.sentAt).toBe(event.sentAt);
  });

  it('takes the key from X-Api-Key too, and a JSON body of any content type', async () => {
    const event = envelope('ad_click', { customerId: 'c-collector-2', eventId: 'col-text-plain-1' });
    const reply = await fixture.request('POST', '/v1/events', {
      headers: { 'x-api-key': ALL.key, 'content-type': 'text/plain;charset=UTF-8' },
      body: event,
    });
    expect(reply.status).toBe(202);
    const stored = (await fixture.envelopesOn(INBOUND_TOPICS.awareness)).find(
      (r) => r.envelope.eventId === 'col-text-plain-1',
    );
    // No sentAt: occurredAt is kept as the client wrote it.
    expect(stored?.envelope).toMatchObject({
      occurredAt: event.occurredAt,
      receivedAt: expect.any(String) as unknown,
    });
  });

  it('answers 401 without a key and with an unknown key, publishing nothing', async () => {
    const event = envelope('ad_click', { customerId: 'c-collector-401', eventId: 'col-401' });
    const missing = await fixture.request('POST', '/v1/events', { body: event });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(missing.body).toMatchObject({ code: 'UNAUTHORIZED' });

    const wrong = await fixture.request('POST', '/v1/events', {
      headers: { authorization: 'Bearer ck_all_9f2c4e1a7b3d5f61' },
      body: event,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'unknown API key' });

    const stored = (await fixture.envelopesOn(INBOUND_TOPICS.awareness)).filter(
      (r) => r.key === 'c-collector-401',
    );
    expect(stored).toEqual([]);
  });

  it('answers 403 for an event type outside the key grant', async () => {
    const reply = await fixture.request('POST', '/v1/events', {
      headers: bearer(VIEWS_ONLY),
      body: envelope('order_placed', { customerId: 'c-collector-403', eventId: 'col-403' }),
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({
      results: [
        {
          index: 0,
          status: 'rejected',
          reason: {
            code: 'FORBIDDEN_EVENT_TYPE',
            field: 'type',
            message: 'this API key may not send order_placed events',
          },
        },
      ],
    });
  });

  it('relays an identify to the identity topic for a key granted it by name, and refuses it otherwise', async () => {
    const identify = {
      eventId: 'col-identify-1',
      customerId: 'c-collector-known',
      type: 'identify',
      occurredAt: new Date(Date.now() - 1_000).toISOString(),
      properties: { anonymousId: 'c-collector-anon' },
      schemaVersion: 1,
    };
    const refused = await fixture.request('POST', '/v1/events', { headers: bearer(ALL), body: identify });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      results: [{ index: 0, status: 'rejected', reason: { code: 'FORBIDDEN_EVENT_TYPE', field: 'type' } }],
    });

    const reply = await fixture.request('POST', '/v1/batch', {
      headers: bearer(WITH_IDENTIFY),
      body: {
        events: [
          envelope('product_viewed', { customerId: 'c-collector-anon', eventId: 'col-identify-view' }),
          identify,
        ],
      },
    });
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({
      results: [
        { index: 0, status: 'accepted', eventId: 'col-identify-view' },
        { index: 1, status: 'accepted', eventId: 'col-identify-1' },
      ],
    });
    const relayed = (await fixture.envelopesOn(IDENTITY_TOPIC)).filter(
      (r) => r.envelope.eventId === 'col-identify-1',
    );
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toMatchObject({
      key: 'c-collector-known',
      envelope: {
        type: 'identify',
        customerId: 'c-collector-known',
        occurredAt: identify.occurredAt,
        receivedAt: expect.any(String) as unknown,
        properties: { anonymousId: 'c-collector-anon' },
      },
    });
  });

  it('answers 400 naming the field for an invalid event, and for a body that is not JSON', async () => {
    const invalid = await fixture.request('POST', '/v1/events', {
      headers: bearer(ALL),
      body: envelope('nps_response', { customerId: 'c-collector-400', properties: { score: 11 } }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      results: [
        { index: 0, status: 'rejected', reason: { code: 'INVALID_FIELD', field: 'properties.score' } },
      ],
    });

    const notJson = await fixture.request('POST', '/v1/events', { headers: bearer(ALL), body: '{"type":' });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ code: 'NOT_JSON' });

    const notABatch = await fixture.request('POST', '/v1/batch', { headers: bearer(ALL), body: [{}] });
    expect(notABatch.status).toBe(400);
  });

  it('answers 413 for a body over COLLECTOR_MAX_BODY_BYTES', async () => {
    const event = envelope('product_viewed', { customerId: 'c-collector-413' });
    const padding = 'x'.repeat(1024 * 1024);
    const reply = await fixture.request('POST', '/v1/events', {
      headers: bearer(ALL),
      body: { ...event, properties: { ...event.properties, category: padding } },
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('decodes a gzip body and answers 415 for an encoding it does not decode', async () => {
    const event = envelope('added_to_cart', { customerId: 'c-collector-gzip', eventId: 'col-gzip-1' });
    const gzipped = await fixture.request('POST', '/v1/events', {
      headers: { ...bearer(ALL), 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(event)),
    });
    expect(gzipped.status).toBe(202);
    const stored = (await fixture.envelopesOn(INBOUND_TOPICS.consideration)).find(
      (r) => r.envelope.eventId === 'col-gzip-1',
    );
    expect(stored?.key).toBe('c-collector-gzip');

    const unknown = await fixture.request('POST', '/v1/events', {
      headers: { ...bearer(ALL), 'content-encoding': 'zstd' },
      body: JSON.stringify(event),
    });
    expect(unknown.status).toBe(415);
    expect(unknown.body).toMatchObject({ code: 'UNSUPPORTED_CONTENT_ENCODING' });
  });

  it('answers 413 for a gzip bomb: small on the wire, past COLLECTOR_MAX_BODY_BYTES once decoded', async () => {
    const bomb = gzipSync(`{"padding":"${'0'.repeat(16 * 1024 * 1024)}"}`);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const reply = await fixture.request('POST', '/v1/events', {
      headers: { ...bearer(ALL), 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({
      code: 'BODY_TOO_LARGE',
      message: expect.stringContaining('decoded') as unknown,
    });
  });

  it('answers 429 with Retry-After once a key has used up its rate', async () => {
    const send = (n: number): ReturnType<CollectorFixture['request']> =>
      fixture.request('POST', '/v1/events', {
        headers: bearer(SLOW),
        body: envelope('repeat_visit', { customerId: 'c-collector-429', eventId: `col-429-${n}` }),
      });
    expect((await send(1)).status).toBe(202);
    expect((await send(2)).status).toBe(202);
    const limited = await send(3);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    // 2 a minute: the next token comes in about 30 s.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(25);
    expect(retryAfter).toBeLessThanOrEqual(30);
  });

  it('publishes the valid events of a batch and reports each invalid or forbidden one with its field', async () => {
    const customerId = 'c-collector-batch';
    const reply = await fixture.request('POST', '/v1/batch', {
      headers: bearer(VIEWS_ONLY),
      body: {
        events: [
          envelope('product_viewed', { customerId, eventId: 'col-b-1' }),
          envelope('added_to_cart', {
            customerId,
            eventId: 'col-b-2',
            properties: { productId: 'sku-1', quantity: 0 },
          }),
          envelope('order_placed', { customerId, eventId: 'col-b-3' }),
          { ...envelope('added_to_cart', { customerId, eventId: 'col-b-4' }), coupon: 'SPRING' },
          envelope('added_to_cart', { customerId, eventId: 'col-b-5' }),
          'not an event',
        ],
      },
    });
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({
      results: [
        { index: 0, status: 'accepted', eventId: 'col-b-1' },
        {
          index: 1,
          status: 'rejected',
          reason: {
            code: 'INVALID_FIELD',
            field: 'properties.quantity',
            message: expect.any(String) as unknown,
          },
        },
        {
          index: 2,
          status: 'rejected',
          reason: { code: 'FORBIDDEN_EVENT_TYPE', field: 'type', message: expect.any(String) as unknown },
        },
        {
          index: 3,
          status: 'rejected',
          reason: { code: 'INVALID_FIELD', field: 'coupon', message: expect.any(String) as unknown },
        },
        { index: 4, status: 'accepted', eventId: 'col-b-5' },
        {
          index: 5,
          status: 'rejected',
          reason: { code: 'NOT_AN_OBJECT', message: expect.any(String) as unknown },
        },
      ],
    });
    const stored = (await fixture.envelopesOn(INBOUND_TOPICS.consideration))
      .filter((r) => r.key === customerId)
      .map((r) => r.envelope.eventId);
    expect(stored).toEqual(['col-b-1', 'col-b-5']);
    const conversion = (await fixture.envelopesOn(INBOUND_TOPICS.conversion)).filter(
      (r) => r.key === customerId,
    );
    expect(conversion).toEqual([]);
  });

  it('rejects, per event, an amount over the maximum and a key given twice, and publishes the rest', async () => {
    const customerId = 'c-collector-bounds';
    const order = (eventId: string, amount: string) =>
      JSON.stringify(
        envelope('order_placed', {
          customerId,
          eventId,
          properties: { orderId: eventId, amount, currency: 'EUR' },
        }),
      );
    const twice = order('col-bd-3', '1.00').replace(/}$/, ',"type":"ad_click"}');
    const reply = await fixture.request('POST', '/v1/batch', {
      headers: bearer(ALL),
      body: `{"events":[${order('col-bd-1', '10000000000.00')},${order('col-bd-2', '10000000000.01')},${twice}]}`,
    });
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({
      results: [
        { index: 0, status: 'accepted', eventId: 'col-bd-1' },
        {
          index: 1,
          status: 'rejected',
          reason: {
            code: 'INVALID_FIELD',
            field: 'properties.amount',
            message: 'exceeds the maximum amount per event, 10000000000.00 EUR (1000000000000 minor units)',
          },
        },
        {
          index: 2,
          status: 'rejected',
          reason: {
            code: 'UNSAFE_STRUCTURE',
            field: 'type',
            message: 'key "type" appears more than once in one object',
          },
        },
      ],
    });

    const single = await fixture.request('POST', '/v1/events', {
      headers: bearer(ALL),
      body: order('col-bd-4', '2.00').replace('"currency":"EUR"', '"currency":"EUR","\\u0061mount":"0.01"'),
    });
    expect(single.status).toBe(400);
    expect(single.body).toMatchObject({
      results: [
        { index: 0, status: 'rejected', reason: { code: 'UNSAFE_STRUCTURE', field: 'properties.amount' } },
      ],
    });

    const stored = (await fixture.envelopesOn(INBOUND_TOPICS.conversion))
      .filter((r) => r.key === customerId)
      .map((r) => r.envelope.eventId);
    expect(stored).toEqual(['col-bd-1']);
  });

  it('answers a CORS preflight for an allowed origin only', async () => {
    const preflight = (origin: string): ReturnType<CollectorFixture['request']> =>
      fixture.request('OPTIONS', '/v1/events', {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(SHOP_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');

    const denied = await preflight('https://evil.example');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a browser use a key from its own origins only', async () => {
    const event = (eventId: string): unknown =>
      envelope('product_viewed', { customerId: 'c-collector-cors', eventId });
    const own = await fixture.request('POST', '/v1/events', {
      headers: { ...bearer(ALL), origin: SHOP_ORIGIN },
      body: event('col-cors-1'),
    });
    expect(own.status).toBe(202);
    expect(own.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);

    // shop.example is allowed for another key, not for this one.
    const foreign = await fixture.request('POST', '/v1/events', {
      headers: { ...bearer(VIEWS_ONLY), origin: SHOP_ORIGIN },
      body: event('col-cors-2'),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
  });
});
