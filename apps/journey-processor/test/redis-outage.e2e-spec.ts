import { ALL_INBOUND_TOPICS, DEAD_LETTER_TOPIC, parseJourneyEvent, topicMessage } from '@pipeline/contracts';
import { factsOf, parseJourneyState, reduceEvents } from '@pipeline/journey-domain';
import { JourneySimulator } from '@pipeline/journey-simulator';
import { OwnedRedis } from '@pipeline/testing';
import { sleep } from './kafka-test-client';
import { ProcessorFixture } from './processor-fixture';

describe('journey processor: Redis stopped mid-stream', () => {
  let redis: OwnedRedis;
  let fixture: ProcessorFixture;
  const stream = new JourneySimulator({ customers: 200, seed: 5, customerPrefix: 'outage-' }).generate();
  const half = Math.floor(stream.length / 2);
  let lagWhileDown = 0;
  let blockedWhileDown: number[] = [];
  let blockedAfter: number[] = [];
  let liveWhileDown: Array<{ status: number; ms: number }> = [];

  /** Every partition's `journey_partition_blocked_since_seconds` sample. */
  async function blockedSince(): Promise<number[]> {
    const text = await (await fetch(fixture.url('/metrics'))).text();
    return [...text.matchAll(/^journey_partition_blocked_since_seconds\{[^}]*\} (\S+)$/gm)].map((m) =>
      Number(m[1]),
    );
  }

  async function probeLiveness(): Promise<{ status: number; ms: number }> {
    const started = Date.now();
    const response = await fetch(fixture.url('/health/live'), { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, ms: Date.now() - started };
  }

  const publish = (slice: typeof stream) =>
    fixture.kafka.publishRaw(slice.map((e) => topicMessage(e.topic, e.key, e.envelope)));

  beforeAll(async () => {
    redis = await OwnedRedis.start();
    fixture = new ProcessorFixture('outage', { REDIS_URL: redis.url });
    await fixture.start();
    await publish(stream.slice(0, half));
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);

    await redis.halt();
    await publish(stream.slice(half));
    await sleep(4_000);
    lagWhileDown = await fixture.kafka.lag(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    blockedWhileDown = await blockedSince();
    liveWhileDown = [await probeLiveness(), await probeLiveness(), await probeLiveness()];
    await redis.resume();
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS, 120_000);
    blockedAfter = await blockedSince();
  });

  afterAll(async () => {
    await fixture?.dispose();
    await redis?.dispose();
  });

  it('commits nothing past the events it could not store while Redis was down', () => {
    expect(lagWhileDown).toBeGreaterThan(0);
  });

  it('shows since when the partitions wait, answers liveness within a second meanwhile, and clears it', () => {
    const now = Date.now() / 1000;
    expect(blockedWhileDown.some((since) => since > now - 120 && since < now)).toBe(true);
    expect(liveWhileDown.every(({ status, ms }) => status === 200 && ms < 1_000)).toBe(true);
    expect(blockedAfter.every((since) => since === 0)).toBe(true);
  });

  it('resumes by itself and ends with every event applied exactly once', async () => {
    const reference = reduceEvents(
      stream.map((e) => {
        const parsed = parseJourneyEvent(JSON.stringify(e.envelope));
        if (!parsed.ok) throw new Error(parsed.reason.message);
        return parsed.event;
      }),
    );
    const mismatches: string[] = [];
    for (const [customerId, facts] of reference) {
      const raw = await fixture.redis.hget(`${fixture.ns.redisPrefix}j:{${customerId}}`, 'd');
      const parsed = raw === null ? undefined : parseJourneyState(JSON.parse(raw));
      if (!parsed?.ok || JSON.stringify(factsOf(parsed.state)) !== JSON.stringify(facts))
        mismatches.push(customerId);
    }
    expect(mismatches).toEqual([]);
  });

  it('dead-letters nothing because of the outage', async () => {
    expect(await fixture.kafka.readAll(DEAD_LETTER_TOPIC)).toHaveLength(0);
  });
});
