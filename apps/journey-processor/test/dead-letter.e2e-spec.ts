import {
  ALL_INBOUND_TOPICS,
  DEAD_LETTER_HEADERS,
  DeadLetterEventV1,
  INBOUND_TOPICS,
  RejectionCode,
} from '@pipeline/contracts';
import { envelope } from '@pipeline/testing';
import { createHash } from 'node:crypto';
import { RawRecord } from './kafka-test-client';
import { ProcessorFixture } from './processor-fixture';

describe('journey processor: bad messages go to the dead-letter topic', () => {
  const fixture = new ProcessorFixture('dlq');
  const good = (n: number) => envelope('product_viewed', { customerId: `good-${n}`, eventId: `good-${n}` });
  const json = (value: unknown): string => JSON.stringify(value);
  const farFuture = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
  const binaryHeader = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]);
  // What any server-side producer may send: a key and a value of about 400 KB each.
  const hugeKey = Buffer.alloc(400 * 1024, 0x6b);
  const hugeValue = Buffer.alloc(400 * 1024, 0x76);

  const bad: Array<{ name: string; record: RawRecord; code: RejectionCode; field?: string }> = [
    {
      name: 'non-JSON bytes',
      record: { topic: INBOUND_TOPICS.consideration, key: 'x', value: 'not json' },
      code: 'NOT_JSON',
    },
    {
      name: 'non-JSON bytes with binary headers',
      record: {
        topic: INBOUND_TOPICS.consideration,
        key: 'x',
        value: 'not json, headers',
        headers: { bin: binaryHeader, trace: 't-1' },
      },
      code: 'NOT_JSON',
    },
    {
      name: 'invalid UTF-8',
      record: { topic: INBOUND_TOPICS.consideration, key: 'x', value: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) },
      code: 'NOT_JSON',
    },
    {
      name: 'an empty value',
      record: { topic: INBOUND_TOPICS.consideration, key: 'x', value: null },
      code: 'NOT_JSON',
    },
    {
      name: 'a JSON array',
      record: { topic: INBOUND_TOPICS.consideration, key: 'x', value: '[1]' },
      code: 'NOT_AN_OBJECT',
    },
    {
      name: 'a missing customerId',
      record: {
        topic: INBOUND_TOPICS.consideration,
        key: 'x',
        value: json({ ...good(90), customerId: undefined }),
      },
      code: 'INVALID_FIELD',
      field: 'customerId',
    },
    {
      name: 'an unknown type',
      record: {
        topic: INBOUND_TOPICS.consideration,
        key: 'good-91',
        value: json({ ...good(91), type: 'teleported' }),
      },
      code: 'UNKNOWN_EVENT_TYPE',
      field: 'type',
    },
    {
      name: 'an order on the awareness topic',
      record: {
        topic: INBOUND_TOPICS.awareness,
        key: 'c',
        value: json(envelope('order_placed', { customerId: 'c' })),
      },
      code: 'WRONG_TOPIC',
    },
    {
      name: 'an NPS score of 11',
      record: {
        topic: INBOUND_TOPICS.advocacy,
        key: 'c',
        value: json(envelope('nps_response', { customerId: 'c', properties: { score: 11 } })),
      },
      code: 'INVALID_FIELD',
      field: 'properties.score',
    },
    {
      name: 'a key that is not the customerId',
      record: { topic: INBOUND_TOPICS.consideration, key: 'someone-else', value: json(good(92)) },
      code: 'KEY_MISMATCH',
    },
    {
      name: 'an event a week in the future',
      record: {
        topic: INBOUND_TOPICS.consideration,
        key: 'good-93',
        value: json({ ...good(93), occurredAt: farFuture }),
      },
      code: 'OCCURRED_IN_FUTURE',
      field: 'occurredAt',
    },
    {
      name: 'a __proto__ key',
      record: {
        topic: INBOUND_TOPICS.consideration,
        key: 'good-94',
        value: json(good(94)).replace('{', '{"__proto__":{"x":1},'),
      },
      code: 'UNSAFE_STRUCTURE',
    },
  ];

  let letters: Array<{ letter: DeadLetterEventV1; headers: Record<string, string>; key: string | null }>;
  let hugeLetter: DeadLetterEventV1 | undefined;

  beforeAll(async () => {
    await fixture.start();
    const records: RawRecord[] = [];
    bad.forEach((b, i) => {
      records.push({ topic: INBOUND_TOPICS.consideration, key: `good-${i}`, value: json(good(i)) });
      records.push(b.record);
    });
    records.push({
      topic: INBOUND_TOPICS.consideration,
      key: 'good-last',
      value: json({ ...good(0), customerId: 'good-last', eventId: 'good-last' }),
    });
    records.push({ topic: INBOUND_TOPICS.conversion, key: hugeKey, value: hugeValue });
    records.push({
      topic: INBOUND_TOPICS.conversion,
      key: 'good-after-huge',
      value: json(envelope('order_placed', { customerId: 'good-after-huge', eventId: 'good-after-huge' })),
    });
    await fixture.kafka.publishRaw(records);
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    const all = (await fixture.kafka.readAll('journey.dead-letter.v1')).map((r) => ({
      letter: JSON.parse(r.value!.toString()) as DeadLetterEventV1,
      headers: r.headers,
      key: r.key,
    }));
    hugeLetter = all.find((l) => l.letter.original.keyBytes === hugeKey.length)?.letter;
    letters = all.filter((l) => l.letter !== hugeLetter);
  });

  afterAll(() => fixture.dispose());

  it('dead-letters each bad message exactly once', () => {
    expect(letters).toHaveLength(bad.length);
  });

  it.each(bad.map((b) => [b.name, b] as const))('%s: typed reason, source and original bytes', (_name, b) => {
    const original = b.record.value === null ? null : Buffer.from(b.record.value).toString('base64');
    const found = letters.find(
      (l) => l.letter.original.valueBase64 === original && l.letter.source.logicalTopic === b.record.topic,
    );
    expect(found?.letter.reason.code).toBe(b.code);
    if (b.field) expect(found?.letter.reason.field).toBe(b.field);
    expect(found?.letter.reason.message.length).toBeGreaterThan(0);
    expect(found?.headers[DEAD_LETTER_HEADERS.reasonCode]).toBe(b.code);
    // The source is named as the broker names it, so a replay finds it under the topic prefix.
    expect(found?.letter.source.topic).toBe(fixture.kafka.topic(b.record.topic));
    expect(found?.headers[DEAD_LETTER_HEADERS.sourceTopic]).toBe(fixture.kafka.topic(b.record.topic));
    expect(found?.key).toBe(b.record.key === null ? null : sha256(b.record.key));
    expect(found?.letter.original.keyBase64).toBe(
      b.record.key === null ? null : Buffer.from(b.record.key).toString('base64'),
    );
    expect(found?.letter.source.offset).toMatch(/^\d+$/);
    const headers = Object.entries(b.record.headers ?? {}).map(([name, value]) => ({
      name,
      valueBase64: Buffer.from(value).toString('base64'),
    }));
    expect(found?.letter.original.headersBase64).toEqual(headers);
  });

  it('dead-letters a 400 KB key with a 400 KB value under the broker limit, a prefix, size and digest of each', () => {
    expect(hugeLetter?.source.topic).toBe(fixture.kafka.topic(INBOUND_TOPICS.conversion));
    expect(hugeLetter?.original).toMatchObject({
      keyBytes: hugeKey.length,
      keySha256: sha256(hugeKey),
      keyTruncated: true,
      valueBytes: hugeValue.length,
      valueSha256: sha256(hugeValue),
      valueTruncated: true,
    });
    const keptKey = Buffer.from(hugeLetter!.original.keyBase64!, 'base64');
    expect(keptKey.length).toBeGreaterThan(0);
    expect(keptKey.equals(hugeKey.subarray(0, keptKey.length))).toBe(true);
  });

  it('processes the good messages around them', async () => {
    for (const n of [...bad.keys()]) {
      const { status, body } = await fixture.journey(`good-${n}`);
      expect([status, body.currentStage]).toEqual([200, 'consideration']);
    }
    expect((await fixture.journey('good-last')).status).toBe(200);
    expect((await fixture.journey('good-after-huge')).status).toBe(200);
  });
});
