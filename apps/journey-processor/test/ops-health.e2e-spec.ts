import { OwnedRedis } from '@pipeline/testing';
import { eventually } from '../../../libs/observability/test/eventually';
import { RunningProcessor } from '../src/journey-processor.app';
import { ProcessorFixture } from './processor-fixture';

interface HealthBody {
  readonly status: string;
  readonly details: Record<string, { status: string } & Record<string, unknown>>;
}

describe('ops: liveness and readiness', () => {
  let redis: OwnedRedis;
  let fixture: ProcessorFixture;
  let running: RunningProcessor;

  const get = async (path: string): Promise<{ status: number; body: HealthBody }> => {
    const response = await fetch(fixture.url(path));
    return { status: response.status, body: (await response.json()) as HealthBody };
  };
  const ready = () => get('/health/ready');

  beforeAll(async () => {
    redis = await OwnedRedis.start();
    fixture = new ProcessorFixture('ops-health', { REDIS_URL: redis.url });
    running = await fixture.start();
  });

  afterAll(async () => {
    await fixture?.dispose();
    await redis?.dispose();
  });

  it('is ready once Redis answers, Kafka is described and the consumer has joined its group', async () => {
    // Right after the topics are created a lag read may fail once (no partition leader yet), which
    // readiness reports as degraded; it must settle on ok.
    const { body } = await eventually(ready, (r) => r.status === 200 && r.body.status === 'ok', {
      what: 'readiness ok',
    });
    expect(body.status).toBe('ok');
    expect(body.details).toMatchObject({
      redis: { status: 'up' },
      kafka: { status: 'up' },
      consumer: { status: 'up', state: 'joined', group: fixture.config.KAFKA_GROUP_ID },
      lag: { status: 'up', degraded: false },
    });
  });

  it('turns unready (503) while Redis is stopped, stays live, and recovers when Redis returns', async () => {
    await redis.halt();
    const down = await eventually(ready, (r) => r.status === 503, { what: 'readiness 503' });
    expect(down.body.status).toBe('error');
    expect(down.body.details['redis']?.status).toBe('down');
    expect(down.body.details['kafka']?.status).toBe('up');
    expect((await get('/health/live')).status).toBe(200);

    await redis.resume();
    const up = await eventually(ready, (r) => r.status === 200, { what: 'readiness 200 again' });
    expect(up.body.details['redis']?.status).toBe('up');
  });

  it('turns unready once the consumer has left its group', async () => {
    await running.server.close();
    const { body } = await eventually(ready, (r) => r.status === 503, { what: 'readiness 503' });
    expect(body.details['consumer']).toMatchObject({ status: 'down' });
    expect(['stopped', 'disconnected']).toContain(body.details['consumer']?.['state']);
    expect((await get('/health/live')).status).toBe(200);
  });
});
