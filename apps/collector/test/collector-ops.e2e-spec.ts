import { envelope } from '@pipeline/testing';
import { parsePrometheusText, sumOf } from '../../../libs/observability/test/prometheus-text';
import { CollectorFixture, type TestKey } from './collector-fixture';

const SHOP: TestKey = {
  key: 'ck_ops_7c1d2e3f4a5b6c7d',
  entry: { id: 'shop-ops', eventTypes: ['*'], corsOrigins: [], ratePerMinute: 10_000 },
};

describe('collector: metrics and health', () => {
  const fixture = new CollectorFixture([SHOP]);

  beforeAll(() => fixture.start());
  afterAll(() => fixture.dispose());

  const metrics = async (): Promise<ReturnType<typeof parsePrometheusText>> => {
    const reply = await fixture.get('/metrics');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toContain('text/plain');
    return parsePrometheusText(reply.text);
  };

  it('is live, and ready once Kafka describes its cluster', async () => {
    expect((await fixture.get('/health/live')).status).toBe(200);
    const ready = await fixture.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toMatchObject({
      status: 'ok',
      details: { kafka: { status: 'up', brokers: expect.any(Number) as unknown } },
    });
    // The collector consumes nothing and has no Redis: no consumer, lag or Redis check.
    expect(Object.keys((JSON.parse(ready.text) as { details: object }).details)).toEqual(['kafka']);
  });

  it('counts requests by key, status and reason, accepted events by type, and times the Kafka send', async () => {
    const accepted = await fixture.request('POST', '/v1/batch', {
      headers: { authorization: `Bearer ${SHOP.key}` },
      body: {
        events: [
          envelope('order_placed', { customerId: 'c-ops-1' }),
          envelope('order_placed', { customerId: 'c-ops-2' }),
          envelope('ad_click', { customerId: 'c-ops-3' }),
          envelope('nps_response', { customerId: 'c-ops-4', properties: { score: 11 } }),
        ],
      },
    });
    expect(accepted.status).toBe(202);
    const unauthorized = await fixture.request('POST', '/v1/events', {
      headers: { authorization: 'Bearer ck_nobody_0000000000000' },
      body: envelope('ad_click', { customerId: 'c-ops-5' }),
    });
    expect(unauthorized.status).toBe(401);
    const unsupported = await fixture.request('POST', '/v1/events', {
      headers: { authorization: `Bearer ${SHOP.key}`, 'content-encoding': 'compress' },
      body: '{}',
    });
    expect(unsupported.status).toBe(415);

    const samples = await metrics();
    const requests = 'collector_requests_total';
    expect(sumOf(samples, requests, { key_id: 'shop-ops', status: '202', reason: 'SOME_REJECTED' })).toBe(1);
    expect(sumOf(samples, requests, { key_id: 'none', status: '401', reason: 'UNAUTHORIZED' })).toBe(1);
    expect(
      sumOf(samples, requests, { key_id: 'shop-ops', status: '415', reason: 'UNSUPPORTED_CONTENT_ENCODING' }),
    ).toBe(1);
    expect(sumOf(samples, 'collector_events_accepted_total', { type: 'order_placed' })).toBe(2);
    expect(sumOf(samples, 'collector_events_accepted_total', { type: 'ad_click' })).toBe(1);
    expect(sumOf(samples, 'collector_events_rejected_total', { reason: 'INVALID_FIELD' })).toBe(1);
    expect(sumOf(samples, 'collector_kafka_send_duration_seconds_count', { outcome: 'acknowledged' })).toBe(
      1,
    );
    expect(sumOf(samples, 'collector_kafka_send_duration_seconds_sum')).toBeGreaterThan(0);
    // prom-client's process metrics, as on the other services.
    expect(sumOf(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });
});
