import { createHash } from 'node:crypto';
import { ALL_INBOUND_TOPICS, DeadLetterEventV1 } from '@pipeline/contracts';
import { SeededRandom } from '@pipeline/journey-simulator';
import {
  BrokerControl,
  MalformedMessage,
  OwnedRedis,
  brokenStageChains,
  indexMismatches,
  journeyMismatches,
  malformedMessages,
  oversizedMessages,
} from '@pipeline/testing';
import { RawRecord, sleep } from './kafka-test-client';
import { FaultScenario, MiB, RSS_GROWTH_BOUND, reference, simulatedStream } from './fault-scenario';

describe('journey processor under injected faults', () => {
  describe('SIGKILLed at random moments while a stream flows in', () => {
    const scenario = new FaultScenario('fault-kill');
    const stream = simulatedStream(800, 31, 'fk-');
    const expected = reference(stream);
    const random = new SeededRandom(4321);
    const KILLS = 10;
    let kills = 0;

    beforeAll(async () => {
      await scenario.startProcessor();
      let published = false;
      const publishing = (async () => {
        for (let i = 0; i < stream.length; i += 100) {
          await scenario.publish(stream.slice(i, i + 100));
          await sleep(30);
        }
        published = true;
      })();
      for (; kills < KILLS; kills += 1) {
        // Some kills land during boot or the group join, most in the middle of batches.
        await sleep(random.int(300, 2_500));
        await scenario.processor.kill();
        await scenario.processor.start();
      }
      await publishing;
      expect(published).toBe(true);
      await scenario.catchUp();
    }, 180_000);

    afterAll(() => scenario.dispose());

    it(`was killed ${KILLS} times with the stream still flowing`, () => {
      expect(kills).toBe(KILLS);
      expect(expected.size).toBe(800);
    });

    it('ends with exactly the journeys an in-memory reference computes', async () => {
      expect(await journeyMismatches(scenario.redis, scenario.ns.redisPrefix, expected)).toEqual([]);
    });

    it('published every stage change: each customer a gap-free chain to the current stage', async () => {
      expect(brokenStageChains(await scenario.stageChanges(), expected)).toEqual([]);
    });

    it('left every population index entry the final journeys call for, however batches were cut short', async () => {
      expect(await indexMismatches(scenario.redis, scenario.ns.redisPrefix, expected.keys())).toEqual([]);
    });

    it('dead-letters nothing because of the crashes', async () => {
      expect(await scenario.deadLetters()).toEqual([]);
    });
  });

  describe('Kafka broker and Redis restarted mid-stream', () => {
    let owned: OwnedRedis;
    let scenario: FaultScenario;
    let broker: BrokerControl;
    const stream = simulatedStream(1_000, 32, 'fr-');
    const expected = reference(stream);
    const third = Math.floor(stream.length / 3);
    const PUBLISHED_WHILE_REDIS_DOWN = 100;
    const rss: number[] = [];
    let lagWhileRedisDown = 0;

    beforeAll(async () => {
      broker = await BrokerControl.fromEnvironment();
      owned = await OwnedRedis.start();
      scenario = new FaultScenario('fault-infra', owned.url);
      await scenario.startProcessor();

      await scenario.publish(stream.slice(0, 200));
      await scenario.catchUp();
      rss.push(scenario.processor.rssBytes());

      // The broker goes away while the processor is in the middle of a backlog.
      await scenario.publish(stream.slice(200, third));
      await sleep(300);
      await broker.restart();
      await scenario.publish(stream.slice(third, 2 * third));
      await sleep(300);

      // Redis goes away; events keep arriving. Whatever the processor had caught up on before, these
      // cannot be stored, so they must stay uncommitted until Redis is back.
      await owned.halt();
      await scenario.publish(stream.slice(2 * third, 2 * third + PUBLISHED_WHILE_REDIS_DOWN));
      await sleep(3_000);
      lagWhileRedisDown = await scenario.kafka.lag(scenario.ns.groupId, ALL_INBOUND_TOPICS);
      await owned.resume();
      await scenario.publish(stream.slice(2 * third + PUBLISHED_WHILE_REDIS_DOWN));
      await scenario.catchUp();
      rss.push(scenario.processor.rssBytes());
    }, 180_000);

    afterAll(async () => {
      await scenario?.dispose();
      await owned?.dispose();
    });

    it('stayed up through both restarts and committed nothing it could not store', () => {
      expect(scenario.processor.running).toBe(true);
      expect(lagWhileRedisDown).toBeGreaterThanOrEqual(PUBLISHED_WHILE_REDIS_DOWN);
    });

    it('ends with exactly the journeys an in-memory reference computes', async () => {
      expect(await journeyMismatches(scenario.redis, scenario.ns.redisPrefix, expected)).toEqual([]);
    });

    it('published every stage change: each customer a gap-free chain to the current stage', async () => {
      expect(brokenStageChains(await scenario.stageChanges(), expected)).toEqual([]);
    });

    it('left every population index entry the final journeys call for', async () => {
      expect(await indexMismatches(scenario.redis, scenario.ns.redisPrefix, expected.keys())).toEqual([]);
    });

    it('dead-letters nothing because of the outages', async () => {
      expect(await scenario.deadLetters()).toEqual([]);
    });

    it(`keeps its memory steady (RSS growth below ${RSS_GROWTH_BOUND / MiB} MiB)`, () => {
      expect(rss[1] - rss[0]).toBeLessThan(RSS_GROWTH_BOUND);
    });
  });

  describe('thousands of hostile messages interleaved with good ones', () => {
    const scenario = new FaultScenario('fault-bad');
    const good = simulatedStream(600, 33, 'fb-');
    const bad: MalformedMessage[] = [
      ...malformedMessages(2_400),
      ...oversizedMessages([200_000, 500_000, 700_000, 1_000_000]),
    ];
    const expected = reference(good);
    const rss: number[] = [];
    let letters: DeadLetterEventV1[] = [];

    beforeAll(async () => {
      await scenario.startProcessor();
      await scenario.publish(good.slice(0, 200));
      await scenario.catchUp();
      rss.push(scenario.processor.rssBytes());

      const rest = good.slice(200);
      const perBad = rest.length / bad.length;
      for (let i = 0; i < bad.length; i += 200) {
        const records: RawRecord[] = [];
        for (let b = i; b < Math.min(i + 200, bad.length); b += 1) {
          records.push(...rest.slice(Math.round(b * perBad), Math.round((b + 1) * perBad)));
          records.push(bad[b]);
        }
        // A batch over the broker's limit is refused: the large values travel one per send.
        const large = records.filter((r) => r.value !== null && r.value.length > 100_000);
        await scenario.publish(records.filter((r) => !large.includes(r)));
        for (const record of large) await scenario.publish([record]);
      }
      await scenario.catchUp();
      rss.push(scenario.processor.rssBytes());
      letters = await scenario.deadLetters();
    }, 180_000);

    afterAll(() => scenario.dispose());

    it('dead-letters every hostile message once, with the reason its kind calls for', () => {
      // Matched by the original's SHA-256: values too large to travel whole are truncated, with their hash.
      const byHash = new Map(letters.map((l) => [l.original.valueSha256, l] as const));
      const wrong = bad
        .map((m) => ({ m, letter: byHash.get(createHash('sha256').update(m.value).digest('hex')) }))
        .filter(({ m, letter }) => letter?.reason.code !== m.expected)
        .map(({ m, letter }) => `${m.kind}: expected ${m.expected}, got ${letter?.reason.code ?? 'nothing'}`);
      expect(wrong.slice(0, 20)).toEqual([]);
      expect(letters).toHaveLength(bad.length);
      expect(letters.every((l) => l.reason.message.length > 0)).toBe(true);
    });

    it('ends with exactly the journeys an in-memory reference computes from the good ones', async () => {
      expect(await journeyMismatches(scenario.redis, scenario.ns.redisPrefix, expected)).toEqual([]);
    });

    it('published every stage change: each customer a gap-free chain to the current stage', async () => {
      expect(brokenStageChains(await scenario.stageChanges(), expected)).toEqual([]);
    });

    it(`keeps its memory steady (RSS growth below ${RSS_GROWTH_BOUND / MiB} MiB)`, () => {
      expect(rss[1] - rss[0]).toBeLessThan(RSS_GROWTH_BOUND);
    });
  });
});
