import { INBOUND_TOPICS, RejectionCode } from '@pipeline/contracts';
import { SeededRandom } from '@pipeline/journey-simulator';

/** One hostile inbound message and the rejection the pipeline must dead-letter it with. */
export interface MalformedMessage {
  readonly kind: string;
  readonly topic: string;
  readonly key: string | null;
  readonly value: Buffer;
  readonly expected: RejectionCode;
}

type Body = Record<string, unknown>;

function order(n: number): Body {
  return {
    eventId: `bad-${n}`,
    customerId: `bad-c-${n}`,
    type: 'order_placed',
    occurredAt: '2025-03-01T12:00:00Z',
    properties: { orderId: `o-${n}`, amount: '19.90', currency: 'EUR' },
    schemaVersion: 1,
  };
}

function nested(depth: number): Body {
  let node: Body = { leaf: 1 };
  for (let i = 0; i < depth; i += 1) node = { n: node };
  return node;
}

const conversion = INBOUND_TOPICS.conversion;
const text = (value: string): Buffer => Buffer.from(value, 'utf8');
const json = (value: unknown): Buffer => text(JSON.stringify(value));
/** The valid order body of message n as JSON text with one property's value replaced by raw text. */
const rawAmount = (n: number, raw: string): Buffer =>
  text(JSON.stringify(order(n)).replace('"amount":"19.90"', `"amount":${raw}`));

/** Generators of hostile messages; each is unique (it carries n) so its dead letter can be matched. */
const KINDS: ReadonlyArray<{
  kind: string;
  expected: RejectionCode;
  make: (n: number) => Omit<MalformedMessage, 'kind' | 'expected'>;
}> = [
  {
    kind: 'customerId a number',
    expected: 'INVALID_FIELD',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: json({ ...order(n), customerId: n }) }),
  },
  {
    kind: 'amount an object',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), properties: { orderId: 'o', amount: { v: 1 }, currency: 'EUR' } }),
    }),
  },
  {
    kind: 'schemaVersion a string',
    expected: 'INVALID_FIELD',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: json({ ...order(n), schemaVersion: '1' }) }),
  },
  {
    kind: 'occurredAt a number',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), occurredAt: 1_700_000_000_000 }),
    }),
  },
  {
    kind: 'eventId missing',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), eventId: undefined, note: n }),
    }),
  },
  {
    kind: 'properties missing',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), properties: undefined }),
    }),
  },
  {
    kind: 'a null field',
    expected: 'INVALID_FIELD',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: json({ ...order(n), channel: null }) }),
  },
  {
    kind: 'an unknown field',
    expected: 'INVALID_FIELD',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: json({ ...order(n), extra: true }) }),
  },
  {
    kind: 'a 5,000-character id',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), eventId: `${n}-${'x'.repeat(5_000)}` }),
    }),
  },
  {
    kind: 'a 100 KiB string',
    expected: 'UNSAFE_STRUCTURE',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), sentAt: 'y'.repeat(100 * 1024) }),
    }),
  },
  {
    kind: 'nesting 12 deep',
    expected: 'UNSAFE_STRUCTURE',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), properties: nested(12) }),
    }),
  },
  {
    kind: 'a __proto__ key',
    expected: 'UNSAFE_STRUCTURE',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: text(JSON.stringify(order(n)).replace('{', '{"__proto__":{"admin":true},')),
    }),
  },
  {
    kind: 'a constructor key',
    expected: 'UNSAFE_STRUCTURE',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), properties: { constructor: { prototype: 1 } } }),
    }),
  },
  {
    kind: 'more than 1,000 keys',
    expected: 'UNSAFE_STRUCTURE',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({
        ...order(n),
        properties: Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, i])),
      }),
    }),
  },
  {
    kind: 'invalid UTF-8',
    expected: 'NOT_JSON',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: Buffer.concat([
        text(`{"eventId":"bad-${n}","x":"`),
        Buffer.from([0xc3, 0x28, 0xff]),
        text('"}'),
      ]),
    }),
  },
  {
    kind: 'NaN as JSON text',
    expected: 'NOT_JSON',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: rawAmount(n, 'NaN') }),
  },
  {
    kind: 'Infinity as JSON text',
    expected: 'NOT_JSON',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: rawAmount(n, '-Infinity') }),
  },
  {
    kind: 'NaN as a string',
    expected: 'INVALID_FIELD',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: rawAmount(n, '"NaN"') }),
  },
  {
    kind: 'Infinity as a string',
    expected: 'INVALID_FIELD',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: rawAmount(n, '"Infinity"') }),
  },
  {
    kind: '1e400 (overflows to Infinity)',
    expected: 'INVALID_FIELD',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: rawAmount(n, '1e400') }),
  },
  {
    kind: 'truncated JSON',
    expected: 'NOT_JSON',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: json(order(n)).subarray(0, 40 + (n % 40)) }),
  },
  {
    kind: 'a JSON string',
    expected: 'NOT_AN_OBJECT',
    make: (n) => ({ topic: conversion, key: null, value: json(`event ${n}`) }),
  },
  {
    kind: 'year 275760 (out of Date range)',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), occurredAt: '+275760-09-13T00:00:00.001Z' }),
    }),
  },
  {
    kind: 'February 30th',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), occurredAt: '2025-02-30T12:00:00Z' }),
    }),
  },
  {
    kind: 'hour 25',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), occurredAt: '2025-03-01T25:00:00Z' }),
    }),
  },
  {
    kind: 'year 9999 (outside the accepted years)',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), occurredAt: '9999-12-31T23:59:59Z' }),
    }),
  },
  {
    kind: 'the last day of 2099',
    expected: 'OCCURRED_IN_FUTURE',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: json({ ...order(n), occurredAt: '2099-12-31T23:59:59Z' }),
    }),
  },
  {
    kind: 'an unknown type',
    expected: 'UNKNOWN_EVENT_TYPE',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: json({ ...order(n), type: 'teleported' }) }),
  },
  {
    kind: 'an order on the awareness topic',
    expected: 'WRONG_TOPIC',
    make: (n) => ({ topic: INBOUND_TOPICS.awareness, key: `bad-c-${n}`, value: json(order(n)) }),
  },
  {
    kind: 'a key that is not the customerId',
    expected: 'KEY_MISMATCH',
    make: (n) => ({ topic: conversion, key: `someone-else-${n}`, value: json(order(n)) }),
  },
];

/**
 * `count` seeded hostile messages, every kind above in turn: wrong types, missing fields, huge
 * strings, deep nesting, prototype keys, invalid UTF-8, NaN and Infinity, impossible dates.
 */
export function malformedMessages(count: number, seed = 7): MalformedMessage[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, n) => {
    const kind = KINDS[n % KINDS.length];
    return { kind: kind.kind, expected: kind.expected, ...kind.make(n * 1_000 + random.int(0, 999)) };
  });
}

/**
 * Values close to the broker's default 1 MiB message limit (`message.max.bytes` 1,048,588): valid
 * JSON objects far above the contract's 64 KiB limit.
 */
export function oversizedMessages(sizes: readonly number[]): MalformedMessage[] {
  return sizes.map((size, n) => {
    const head = JSON.stringify({ ...order(900_000 + n), sentAt: '' }).slice(0, -2);
    const value = text(`${head}${'z'.repeat(Math.max(0, size - head.length - 2))}"}`);
    return {
      kind: `${size} bytes`,
      topic: conversion,
      key: `bad-c-${900_000 + n}`,
      value,
      expected: 'UNSAFE_STRUCTURE',
    };
  });
}
