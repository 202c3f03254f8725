import {
  INBOUND_TOPICS,
  MAX_AMOUNT_MINOR,
  MAX_CUSTOMER_TOTAL_MINOR,
  RejectionCode,
  formatMinorUnits,
} from '@pipeline/contracts';
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

/**
 * JSON text of an object with `key` given once more at the end of its top level, holding `rawValue`
 * (JSON text): `JSON.parse` would keep the last value, and the contract refuses the message.
 */
export function withDuplicateKey(json: string, key: string, rawValue: string): string {
  if (!json.endsWith('}')) throw new Error('withDuplicateKey needs the JSON text of an object');
  return `${json.slice(0, -1)},${JSON.stringify(key)}:${rawValue}}`;
}

/** One past the contract's maximum amount per event, in major units of `currency`. */
export function overMaximumAmount(currency: string): string {
  return formatMinorUnits(MAX_AMOUNT_MINOR + 1, currency);
}

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
    kind: 'an amount one minor unit over the maximum',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: rawAmount(n, `"${overMaximumAmount('EUR')}"`),
    }),
  },
  {
    kind: '2^53 - 1 minor units (the order of issue 15)',
    expected: 'INVALID_FIELD',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: rawAmount(n, '"90071992547409.91"') }),
  },
  {
    kind: 'an amount over the maximum as a JSON number',
    expected: 'INVALID_FIELD',
    make: (n) => ({ topic: conversion, key: `bad-c-${n}`, value: rawAmount(n, '100000000000') }),
  },
  {
    kind: 'an acquisition cost over the maximum',
    expected: 'INVALID_FIELD',
    make: (n) => ({
      topic: INBOUND_TOPICS.awareness,
      key: `bad-c-${n}`,
      value: json({
        ...order(n),
        type: 'ad_click',
        properties: { source: 'g', cost: overMaximumAmount('JPY'), currency: 'JPY' },
      }),
    }),
  },
  {
    kind: 'type given twice, the last another type',
    expected: 'UNSAFE_STRUCTURE',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: text(withDuplicateKey(JSON.stringify(order(n)), 'type', '"ad_click"')),
    }),
  },
  {
    kind: 'an amount given twice, once escaped',
    expected: 'UNSAFE_STRUCTURE',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: text(
        JSON.stringify(order(n)).replace('"currency":"EUR"', '"currency":"EUR","\\u0061mount":"0.01"'),
      ),
    }),
  },
  {
    kind: 'a key twice in a nested object',
    expected: 'UNSAFE_STRUCTURE',
    make: (n) => ({
      topic: conversion,
      key: `bad-c-${n}`,
      value: text(
        JSON.stringify({
          ...order(n),
          properties: { orderId: `o-${n}`, amount: '19.90', currency: 'EUR', x: { a: 1 } },
        }).replace('{"a":1}', '{"a":1,"a":2}'),
      ),
    }),
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
 * strings, deep nesting, prototype keys, duplicate keys, amounts over the maximum, invalid UTF-8, NaN
 * and Infinity, impossible dates.
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

/** A valid inbound message: the pipeline must apply it. */
export type ValidRecord = Omit<MalformedMessage, 'expected'>;

/**
 * Valid messages at exactly the contract's maximum amount per event (10^12 minor units), each for
 * its own customer: orders in a 2-, 0- and 3-digit currency, a refund, an acquisition cost. They must
 * be applied, and every CLV derived from them is exact.
 */
export function maximumAmountMessages(prefix = 'max-c-'): ValidRecord[] {
  const money = (currency: string) => ({ currency, amount: formatMinorUnits(MAX_AMOUNT_MINOR, currency) });
  const bodies: Array<[string, Body]> = [
    ['an order of the maximum in EUR', { properties: { orderId: 'o', ...money('EUR') } }],
    ['an order of the maximum in JPY', { properties: { orderId: 'o', ...money('JPY') } }],
    ['an order of the maximum in KWD', { properties: { orderId: 'o', ...money('KWD') } }],
    ['a refund of the maximum', { type: 'order_refunded', properties: { orderId: 'o', ...money('EUR') } }],
    [
      'an acquisition cost of the maximum',
      { type: 'ad_click', properties: { source: 'g', cost: money('EUR').amount, currency: 'EUR' } },
    ],
  ];
  return bodies.map(([kind, overrides], i) => {
    const body: Body = { ...order(i), eventId: `${prefix}${i}`, customerId: `${prefix}${i}`, ...overrides };
    const topic = body.type === 'ad_click' ? INBOUND_TOPICS.awareness : conversion;
    return { kind, topic, key: `${prefix}${i}`, value: json(body) };
  });
}

/**
 * Three valid orders of one customer, in partition order: two that bring its EUR orders to exactly
 * `MAX_CUSTOMER_TOTAL_MINOR`, which must be applied, and a third of 0.01 EUR that would pass it. The
 * domain refuses the third with `CustomerTotalBoundError` (code `CUSTOMER_TOTAL_BOUND`), so the
 * processor must dead-letter exactly it, as a processing failure, and stay past it.
 */
export function customerTotalOverflowMessages(customerId: string): {
  readonly applied: readonly ValidRecord[];
  readonly refused: ValidRecord;
} {
  const half = formatMinorUnits(MAX_CUSTOMER_TOTAL_MINOR / 2, 'EUR');
  const orderOf = (id: string, amount: string, minute: number): ValidRecord => ({
    kind: `order ${id} of ${amount} EUR`,
    topic: conversion,
    key: customerId,
    value: json({
      ...order(0),
      eventId: `${customerId}-${id}`,
      customerId,
      occurredAt: new Date(Date.UTC(2025, 2, 1, 12, minute)).toISOString(),
      properties: { orderId: id, amount, currency: 'EUR' },
    }),
  });
  return {
    applied: [orderOf('o-1', half, 0), orderOf('o-2', half, 1)],
    refused: orderOf('o-3', '0.01', 2),
  };
}
