import type { Rejection } from '@pipeline/contracts';
import { boundedDeadLetter, minimalDeadLetter } from '../dead-letter.record';
import type { DeadLetterSource } from '../dead-letter-source';
import type { DeadLetterTopicRecord } from './dead-letter-topic.reader';
import { replayDeadLetters, type ReplayOptions, type ReplayPorts } from './replay-dead-letters';
import type { ReplayRecord } from './replay-plan';

const PREFIX = 'stg.';
const WRITTEN_AT = Date.parse('2026-03-01T12:00:00Z');
const notJson: Rejection = { code: 'NOT_JSON', message: 'value is not JSON' };
const keyMismatch: Rejection = { code: 'KEY_MISMATCH', message: 'key is not the customerId' };

function source(offset: number, overrides: Partial<DeadLetterSource> = {}): DeadLetterSource {
  return {
    topic: `${PREFIX}journey.conversion.v1`,
    logicalTopic: 'journey.conversion.v1',
    partition: 1,
    offset: String(offset),
    timestamp: '1772366400000',
    key: Buffer.from(`cust-${offset}`),
    value: Buffer.from(`{"broken":${offset}`),
    headers: [{ name: 'bin', value: Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]) }],
    ...overrides,
  };
}

/** A dead-letter topic holding the given records, a broker that records sends, and a ledger in memory. */
function world(records: DeadLetterTopicRecord[]) {
  const ledger = new Set<string>();
  const sent: ReplayRecord[][] = [];
  const ports: ReplayPorts = {
    topicPrefix: PREFIX,
    reader: {
      read: async (sinceMs, onBatch) => {
        const wanted = records.filter((r) => r.timestamp >= sinceMs);
        for (let i = 0; i < wanted.length; i += 2) await onBatch(wanted.slice(i, i + 2));
      },
    },
    publisher: {
      send: (batch) => {
        sent.push([...batch]);
        return Promise.resolve();
      },
    },
    ledger: {
      replayedAmong: (ids) => Promise.resolve(new Set(ids.filter((id) => ledger.has(id)))),
      markReplayed: (ids) => {
        ids.forEach((id) => ledger.add(id));
        return Promise.resolve();
      },
    },
  };
  return { ports, ledger, sent };
}

let dlqOffset = 0;
function stored(value: string, reason: string, at = WRITTEN_AT): DeadLetterTopicRecord {
  dlqOffset += 1;
  return {
    partition: 0,
    offset: String(dlqOffset),
    timestamp: at,
    reasonCode: reason,
    value: Buffer.from(value),
  };
}
const letterFor = (s: DeadLetterSource, reason = notJson, limit = 1_048_588) =>
  stored(boundedDeadLetter(s, reason, new Date(WRITTEN_AT), limit).value, reason.code);

const options = (overrides: Partial<ReplayOptions> = {}): ReplayOptions => ({
  reason: 'NOT_JSON',
  since: new Date(WRITTEN_AT - 1_000),
  dryRun: false,
  ...overrides,
});

describe(replayDeadLetters.name, () => {
  it('publishes the originals of the reason asked for, byte for byte, to their topic and partition', async () => {
    const { ports, sent } = world([
      letterFor(source(1)),
      letterFor(source(2), keyMismatch),
      letterFor(source(3)),
    ]);
    const report = await replayDeadLetters(options(), ports);

    expect(sent.flat()).toEqual([
      {
        topic: 'stg.journey.conversion.v1',
        partition: 1,
        key: Buffer.from('cust-1'),
        value: Buffer.from('{"broken":1'),
        headers: [{ name: 'bin', value: Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]) }],
        timestamp: '1772366400000',
      },
      expect.objectContaining({ key: Buffer.from('cust-3') }),
    ]);
    expect(report).toMatchObject({
      scanned: 3,
      matched: 2,
      replayed: 2,
      alreadyReplayed: 0,
      replayedByTopic: { 'stg.journey.conversion.v1': 2 },
      notReplayed: [],
    });
  });

  it('publishes nothing again on a second run', async () => {
    const { ports, sent } = world([letterFor(source(1)), letterFor(source(2))]);
    await replayDeadLetters(options(), ports);
    const second = await replayDeadLetters(options(), ports);

    expect(sent.flat()).toHaveLength(2);
    expect(second).toMatchObject({ matched: 2, replayed: 0, alreadyReplayed: 2 });
  });

  it('replays an original once when it was dead-lettered twice', async () => {
    const { ports, sent } = world([letterFor(source(1)), letterFor(source(1))]);
    const report = await replayDeadLetters(options(), ports);
    expect(sent.flat()).toHaveLength(1);
    expect(report).toMatchObject({ replayed: 1, alreadyReplayed: 1 });
  });

  it('publishes and records nothing in a dry run, and reports what it would do', async () => {
    const { ports, sent, ledger } = world([letterFor(source(1))]);
    const report = await replayDeadLetters(options({ dryRun: true }), ports);
    expect(sent).toEqual([]);
    expect(ledger.size).toBe(0);
    expect(report).toMatchObject({ dryRun: true, replayed: 1 });
  });

  it('reports truncated originals and minimal stand-ins, with where the whole record is', async () => {
    const huge = source(7, { value: Buffer.alloc(600_000, 0x61) });
    const { ports, sent } = world([
      letterFor(huge, notJson, 100_000),
      stored(
        String(minimalDeadLetter(source(8), notJson, new Date(WRITTEN_AT), 'MESSAGE_TOO_LARGE').value),
        'NOT_JSON',
      ),
      stored('not json at all', 'NOT_JSON'),
    ]);
    const report = await replayDeadLetters(options(), ports);

    expect(sent).toEqual([]);
    expect(report.notReplayedByCode).toEqual({ TRUNCATED: 1, MINIMAL: 1, UNREADABLE: 1 });
    expect(report.notReplayed[0]).toMatchObject({
      source: { topic: 'stg.journey.conversion.v1', partition: 1, offset: '7' },
      code: 'TRUNCATED',
      why: expect.stringMatching(
        /^value truncated: \d+ of 600000 bytes kept; the original is at stg\.journey\.conversion\.v1 partition 1 offset 7$/,
      ) as unknown,
    });
  });

  it('keeps to --since and --topic (contract name or broker name)', async () => {
    const awareness = source(4, {
      topic: `${PREFIX}journey.awareness.v1`,
      logicalTopic: 'journey.awareness.v1',
    });
    const records = [
      stored(
        boundedDeadLetter(source(3), notJson, new Date(0), 1_048_588).value,
        'NOT_JSON',
        WRITTEN_AT - 60_000,
      ),
      letterFor(source(5)),
      letterFor(awareness),
    ];
    for (const topic of ['journey.awareness.v1', 'stg.journey.awareness.v1']) {
      const { ports, sent } = world(records);
      await replayDeadLetters(options({ topic }), ports);
      expect(sent.flat().map((r) => r.key?.toString())).toEqual(['cust-4']);
    }
    const { ports, sent } = world(records);
    await replayDeadLetters(options(), ports);
    expect(sent.flat().map((r) => r.key?.toString())).toEqual(['cust-5', 'cust-4']);
  });

  it('replays a dead letter written before the byte-exact fields, adding back the topic prefix', async () => {
    const legacy = {
      reason: notJson,
      source: { topic: 'journey.conversion.v1', partition: 2, offset: '9', timestamp: '5' },
      original: {
        keyBase64: Buffer.from('cust-9').toString('base64'),
        valueBase64: Buffer.from('x').toString('base64'),
        valueBytes: 1,
        valueSha256: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
        valueTruncated: false,
        headers: { trace: 't-9' },
      },
      deadLetteredAt: new Date(WRITTEN_AT).toISOString(),
      schemaVersion: 1,
    };
    const mangled = { ...legacy, original: { ...legacy.original, headers: { bin: '\u0000\ufffd' } } };
    const { ports, sent } = world([
      stored(JSON.stringify(legacy), 'NOT_JSON'),
      stored(JSON.stringify(mangled), 'NOT_JSON'),
    ]);
    const report = await replayDeadLetters(options(), ports);

    expect(sent.flat()).toEqual([
      {
        topic: 'stg.journey.conversion.v1',
        partition: 2,
        key: Buffer.from('cust-9'),
        value: Buffer.from('x'),
        headers: [{ name: 'trace', value: Buffer.from('t-9') }],
        timestamp: '5',
      },
    ]);
    expect(report.notReplayedByCode).toEqual({ HEADERS_NOT_EXACT: 1 });
  });

  it('refuses bytes that do not match their recorded digest', async () => {
    const letter = JSON.parse(
      boundedDeadLetter(source(1), notJson, new Date(WRITTEN_AT), 1_048_588).value,
    ) as {
      original: { valueBase64: string };
    };
    letter.original.valueBase64 = Buffer.from('tampered').toString('base64');
    const { ports, sent } = world([stored(JSON.stringify(letter), 'NOT_JSON')]);
    const report = await replayDeadLetters(options(), ports);
    expect(sent).toEqual([]);
    expect(report.notReplayedByCode).toEqual({ DIGEST_MISMATCH: 1 });
  });

  it('records nothing when the broker fails, so the next run tries again', async () => {
    const { ports, ledger } = world([letterFor(source(1))]);
    const failing = { ...ports, publisher: { send: () => Promise.reject(new Error('broker down')) } };
    await expect(replayDeadLetters(options(), failing)).rejects.toThrow('broker down');
    expect(ledger.size).toBe(0);
  });
});
