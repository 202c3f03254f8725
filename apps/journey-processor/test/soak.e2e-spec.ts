import { INBOUND_TOPICS, RejectionCode } from '@pipeline/contracts';
import {
  customerTotalOverflowMessages,
  journeyMismatches,
  malformedMessages,
  maximumAmountMessages,
} from '@pipeline/testing';
import { createHash } from 'node:crypto';
import { RawRecord, sleep } from './kafka-test-client';
import { FaultScenario, MiB, RSS_GROWTH_BOUND, reference, simulatedStream } from './fault-scenario';

/** A record of the hostile corpus, the reason it must be dead-lettered with, and a field to match. */
interface Hostile {
  readonly record: RawRecord;
  readonly expected: RejectionCode;
  readonly field?: string;
}

const WARM_UP = 8_000;

const sha256 = (value: RawRecord['value']): string =>
  createHash('sha256')
    .update(value ?? '')
    .digest('hex');

/**
 * The failure model end to end, bounded in time: a stream of tens of thousands of valid events with
 * a hostile corpus interleaved (malformed records of every kind, a 400 KB key with a 400 KB value,
 * amounts at and over the maximum, duplicate keys, binary headers, an order the fold refuses)
 * through the built processor on the real broker and Redis. Nothing may hold a partition: the
 * processor catches up, applies every valid event once, dead-letters every other record once with
 * its reason, answers its liveness probe within a second throughout and keeps its memory steady.
 */
describe('journey processor soak: one record never holds a partition', () => {
  const scenario = new FaultScenario('soak');
  const good = simulatedStream(5_000, 41, 'soak-');
  const maximum = maximumAmountMessages('soak-max-').map(({ topic, key, value }) => ({ topic, key, value }));
  const overflow = customerTotalOverflowMessages('soak-overflow');
  const binaryHeader = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]);
  const hostile: Hostile[] = [
    ...malformedMessages(1_500, 11).map((m) => ({ record: m, expected: m.expected })),
    {
      // Any producer may send this; its dead letter must still fit under the broker's limit.
      record: {
        topic: INBOUND_TOPICS.consideration,
        key: 'k'.repeat(400_000),
        value: Buffer.from(`{"pad":"${'x'.repeat(400_000)}"}`),
      },
      expected: 'UNSAFE_STRUCTURE',
    },
    {
      record: {
        topic: INBOUND_TOPICS.consideration,
        key: 'soak-binary',
        value: Buffer.from('not json, with binary headers'),
        headers: { 'x-binary': binaryHeader },
      },
      expected: 'NOT_JSON',
    },
    { record: overflow.refused, expected: 'PROCESSING_FAILED', field: 'fold' },
  ];
  const valid: RawRecord[] = [...good, ...maximum, ...overflow.applied];
  const expected = reference(valid);
  const liveness: Array<{ status: number; ms: number }> = [];
  const rss: number[] = [];
  let sampling = true;
  let caughtUpMs = 0;

  async function sampleLiveness(): Promise<void> {
    while (sampling) {
      const started = Date.now();
      const status = await fetch(scenario.url('/health/live'), { signal: AbortSignal.timeout(5_000) })
        .then((response) => response.status)
        .catch(() => 0);
      liveness.push({ status, ms: Date.now() - started });
      await sleep(250);
    }
  }

  beforeAll(async () => {
    await scenario.startProcessor();
    // Warm-up: the heap grows to its working size on the first third; memory is steady after that.
    await scenario.publish(good.slice(0, WARM_UP));
    await scenario.catchUp(120_000);
    rss.push(scenario.processor.rssBytes());
    const sampler = sampleLiveness();

    const started = Date.now();
    const rest: RawRecord[] = [...good.slice(WARM_UP), ...maximum, ...overflow.applied];
    const perHostile = rest.length / hostile.length;
    const records: RawRecord[] = [];
    hostile.forEach(({ record }, index) => {
      records.push(...rest.slice(Math.round(index * perHostile), Math.round((index + 1) * perHostile)));
      records.push(record);
    });
    // The large record would take a batch over the broker's limit: it travels alone.
    const large = records.filter((r) => (r.key?.length ?? 0) > 100_000);
    const small = records.filter((r) => !large.includes(r));
    for (let i = 0; i < small.length; i += 2_000) {
      await scenario.publish(small.slice(i, i + 2_000));
      if (i === 10_000) for (const record of large) await scenario.publish([record]);
    }
    await scenario.catchUp(240_000);
    caughtUpMs = Date.now() - started;
    sampling = false;
    await sampler;
    rss.push(scenario.processor.rssBytes());
  }, 600_000);

  afterAll(() => scenario.dispose());

  it('catches up, lag 0, within the bound', () => {
    expect(valid.length).toBeGreaterThan(20_000);
    expect(caughtUpMs).toBeGreaterThan(0);
    expect(caughtUpMs).toBeLessThan(240_000);
  });

  it('applies every valid event exactly once: the journeys an in-memory reference computes', async () => {
    expect(await journeyMismatches(scenario.redis, scenario.ns.redisPrefix, expected)).toEqual([]);
  });

  it('dead-letters every hostile record exactly once, with the reason its kind calls for', async () => {
    const letters = await scenario.deadLetters();
    const byHash = new Map<string, typeof letters>();
    for (const letter of letters) {
      const hash = letter.original.valueSha256 ?? '';
      byHash.set(hash, [...(byHash.get(hash) ?? []), letter]);
    }
    const wrong = hostile
      .map(({ record, expected: code, field }) => ({
        record,
        code,
        field,
        found: byHash.get(sha256(record.value)),
      }))
      .filter(
        ({ code, field, found }) =>
          found?.length !== 1 ||
          found[0]?.reason.code !== code ||
          (field !== undefined && found[0]?.reason.field !== field),
      )
      .map(
        ({ code, found }) =>
          `expected ${code}, got ${found?.map((l) => l.reason.code).join(',') ?? 'nothing'}`,
      );
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(letters).toHaveLength(hostile.length);
  });

  it('names the error of the order the fold refused', async () => {
    const letters = await scenario.deadLetters();
    const refused = letters.find((l) => l.original.valueSha256 === sha256(overflow.refused.value));
    expect(refused?.reason.message).toMatch(/CustomerTotalBoundError/);
  });

  it('keeps binary header bytes exact, and the 400 KB key as a prefix with its size and digest', async () => {
    const letters = await scenario.deadLetters();
    const binary = letters.find(
      (l) => l.original.valueSha256 === sha256(Buffer.from('not json, with binary headers')),
    );
    const header = binary?.original.headersBase64.find((h) => h.name === 'x-binary');
    expect(Buffer.from(header?.valueBase64 ?? '', 'base64')).toEqual(binaryHeader);
    const big = letters.find((l) => l.original.keyBytes === 400_000);
    expect(big?.original.keyTruncated).toBe(true);
    expect(big?.original.keySha256).toBe(sha256('k'.repeat(400_000)));
  });

  it('answered its liveness probe within a second on every sample', () => {
    expect(liveness.length).toBeGreaterThan(4);
    expect(liveness.filter((sample) => sample.status !== 200 || sample.ms >= 1_000)).toEqual([]);
  });

  it(`keeps its memory steady (RSS growth below ${RSS_GROWTH_BOUND / MiB} MiB)`, () => {
    expect(rss[1] - rss[0]).toBeLessThan(RSS_GROWTH_BOUND);
  });
});
