import { isDeepStrictEqual } from 'node:util';
import { JourneySimulator, SeededRandom } from '@pipeline/journey-simulator';
import { envelope } from '@pipeline/testing/event-builders';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { JourneyEventEnvelopeDto } from '../envelope/journey-event-envelope.dto';
import { ALL_EVENT_TYPES, EVENT_TYPES_BY_STAGE, EventType, stageOfEventType } from '../event-types';
import { PROPERTIES_DTO_BY_TYPE } from '../properties/properties-by-type';
import { INBOUND_TOPICS } from '../topics';
import * as fastPath from './fast-journey-event';
import { FAST_PATH_FIELDS_BY_DTO, fastValidateJourneyEnvelope } from './fast-journey-event';
import { firstValidationError } from './first-validation-error';
import { ParseOptions, ParseResult, parseJourneyEvent } from './parse-journey-event';

type Body = Record<string, unknown>;
type Dto = abstract new () => object;

/** The differential tests run tens of thousands of cases through class-validator. */
const SLOW_TEST_MS = 60_000;

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** class-validator's verdict, reached the way the parser reaches it: the envelope, then the properties. */
function classValidatorAccepts(body: Body): boolean {
  if (firstValidationError(validateSync(plainToInstance(JourneyEventEnvelopeDto, body), VALIDATION))) {
    return false;
  }
  const dto: new () => object = PROPERTIES_DTO_BY_TYPE[body.type as EventType];
  return !firstValidationError(validateSync(plainToInstance(dto, body.properties as object), VALIDATION));
}

/** The parser as it was before the fast path: the fast path declines, so class-validator decides. */
function parseWithoutFastPath(raw: string, options: ParseOptions): ParseResult {
  const spy = jest.spyOn(fastPath, 'fastValidateJourneyEnvelope').mockReturnValue(false);
  try {
    return parseJourneyEvent(raw, options);
  } finally {
    spy.mockRestore();
  }
}

function isRecord(value: unknown): value is Body {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Keys class-transformer skips without a word: plainToInstance does not copy a key that names a
 * function on the new instance, so `toString` or `valueOf` never reach the whitelist check and such a
 * message is accepted. The fast path does not copy that quirk; it declines and class-validator decides.
 */
const KEYS_CLASS_TRANSFORMER_DROPS: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter(
    (key) => key !== '__proto__' && typeof (Object.prototype as Body)[key] === 'function',
  ),
);

function hasKeyClassTransformerDrops(body: Body): boolean {
  const dropped = (record: Body): boolean =>
    Object.keys(record).some((k) => KEYS_CLASS_TRANSFORMER_DROPS.has(k));
  return dropped(body) || (isRecord(body.properties) && dropped(body.properties));
}

function validatedFieldsOf(dto: Dto): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

/** Every number a Min, Max, ArrayMinSize or ArrayMaxSize of the DTOs names, with its neighbours. */
function numericBoundaries(): number[] {
  const limits = new Set<number>();
  for (const dto of new Set<Dto>([JourneyEventEnvelopeDto, ...Object.values(PROPERTIES_DTO_BY_TYPE)])) {
    for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false)) {
      for (const c of (m.constraints ?? []) as unknown[]) if (typeof c === 'number') limits.add(c);
    }
  }
  return [...limits].flatMap((n) => [n - 1, n, n + 1]);
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `sku-${i}`);

/** Lengths around every IsLabel maximum of the DTOs (64, 128, 256 and 2000). */
const LABEL_LENGTHS = [1, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1999, 2000, 2001];

/** Values a field is swapped for: every JSON type, boundaries, and the near misses of each rule. */
const VALUES: readonly unknown[] = [
  // not JSON after a round trip, but the verdicts must still agree on the object itself
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  true,
  false,
  ...[0, 1, -1, 0.5, 1.5, 2, 4, 5, 6, 9, 10, 11, 365, 366, 367, 9_999, 10_000, 10_001, 100_000],
  ...[1e21, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, 5e-324, 1e-7],
  ...[19.99, 10.123, 100.5, 1.2345, 0.1, 123_456_789.123, 59.9, -5, -0.01],
  ...numericBoundaries(),
  ...['', ' ', 'a', 'sku-1', 'a b', 'a{b}', '-lead', '_lead', 'a+b@shop.example', 'ünï', '🙂', 'a\nb'],
  ...['x'.repeat(128), 'x'.repeat(129), 'y'.repeat(5_000)],
  ...LABEL_LENGTHS.map((n) => 'l'.repeat(n)),
  ...['NaN', 'Infinity', '-Infinity', '-1', '0', '1', '1.5', '2.50', '19.99', '19.999', '10.123'],
  ...['10.1234', '1.23456', '100.5', '100', '10.00', ' 1.50 ', '01.5', '1e3', '1e21', '-0', '0.0'],
  ...['0.000', '1.', '.5', '+1', '9007199254740991', '9007199254740993', '99999999999999999999'],
  // At and past the contract's maximum amount, 10^12 minor units, in 0-, 2- and 3-digit currencies.
  ...['10000000000.00', '10000000000.01', '1000000000000', '1000000000001', '1000000000.000', 1e10, 1e12],
  ...['EUR', 'USD', 'JPY', 'KWD', 'CLF', 'BHD', 'eur', 'EURO', 'XXX', 'ABC', 'EU'],
  ...['2026-03-01T12:00:00Z', '2026-03-01T12:00:00+01:00', '2024-02-29T23:59:59.999Z'],
  ...['2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '1969-12-31T23:59:59Z', '1970-01-01T00:00:00Z'],
  ...['1997-03-25T00:00:00Z', '1970-01-01T00:30:00+01:00', '1999-12-31T23:59:59Z'],
  ...['2000-01-01T00:30:00+01:00', '2099-12-31T23:59:59.999999999Z', '2100-01-01T00:00:00Z'],
  ...['2026-03-01T10:00:00', '2026-03-01', '2026-03-01T24:00:00Z', '2026-03-01T12:00-05:30'],
  ...['2026-03-01T12:00:00+25:00', '2026-03-01t12:00:00z', '2026-03-01T12:00:00.1234567890Z'],
  ...['web', 'ads', 'other', 'WEB', 'fax', 'late_delivery', 'billing', 'Other', 'lost'],
  ...['ad_click', 'order_placed', 'identify'],
  ...[[], ['sku-1'], ids(2), ids(20), ids(21), ['sku-1', 2], ['sku-1', 'a b'], ['sku-1', ['sku-2']]],
  ...[
    ['sku-1', {}],
    ['sku-1', 'sku-1'],
    ['x'.repeat(129), 'sku-1'],
    ['sku-1', null],
  ],
  ...[{}, { a: 1 }, { source: 'g' }, { amount: 1, currency: 'EUR' }],
];

const ENVELOPE_FIELDS = validatedFieldsOf(JourneyEventEnvelopeDto);
const FIELDS_BY_TYPE = new Map(ALL_EVENT_TYPES.map((t) => [t, validatedFieldsOf(PROPERTIES_DTO_BY_TYPE[t])]));
const ALL_PROPERTY_FIELDS = [...new Set([...FIELDS_BY_TYPE.values()].flat())];
const UNKNOWN_KEYS = ['extra', 'favouriteColour', 'Type', '', '0', 'then', 'stage', 'toString', 'valueOf'];

/** Valid events beyond the builders' defaults: every optional field, and amounts at each digit count. */
const RICH_EVENTS: readonly Body[] = [
  envelope('ad_impression', {
    anonymousId: 'anon-1',
    sentAt: '2026-03-01T12:00:01Z',
    receivedAt: '2026-03-01T11:00:02.5Z',
    channel: 'ads',
    properties: { source: 'g', campaign: 'c', medium: 'cpc', cost: 0, currency: 'EUR' },
  }),
  envelope('product_viewed', {
    properties: { productId: 'p', category: 'c', price: '0.001', currency: 'KWD' },
  }),
  envelope('added_to_cart', {
    properties: { productId: 'p', category: 'c', price: 5, currency: 'USD', quantity: 10_000 },
  }),
  envelope('product_compared', { properties: { productIds: ids(20) } }),
  envelope('trial_started', { properties: { productId: 'plan', trialDays: 366 } }),
  envelope('checkout_started', { properties: {} }),
  envelope('order_placed', { properties: { orderId: 'o', amount: '10.123', currency: 'KWD', itemCount: 3 } }),
  envelope('order_refunded', {
    properties: { orderId: 'o', amount: 1000, currency: 'JPY', refundId: 'rf-1' },
  }),
  envelope('loyalty_joined', { properties: {} }),
  envelope('repeat_visit', { properties: {} }),
  envelope('subscription_cancelled', { properties: { subscriptionId: 's', reason: 'r'.repeat(256) } }),
  envelope('nps_response', { properties: { score: 0, comment: 'c'.repeat(2000) } }),
  envelope('review_posted', { properties: { rating: 1 } }),
  envelope('referral_sent', { properties: {} }),
  envelope('referral_converted', { properties: {} }),
  envelope('social_share', { properties: { network: 'n'.repeat(64), productId: 'p' } }),
];

const BASE_EVENTS: readonly Body[] = [...ALL_EVENT_TYPES.map((type) => envelope(type)), ...RICH_EVENTS];

function clone(body: Body): Body {
  return JSON.parse(JSON.stringify(body)) as Body;
}

function withField(body: Body, key: string, value: unknown): Body {
  const copy = clone(body);
  copy[key] = value;
  return copy;
}

function withProperty(body: Body, key: string, value: unknown): Body {
  const copy = clone(body);
  (copy.properties as Body)[key] = value;
  return copy;
}

interface Outcome {
  readonly fast: boolean;
  readonly slow: boolean;
  readonly sameParse: boolean;
}

/** Both verdicts on the object, and both parser results on its JSON text (on its own stage's topic). */
function outcomeOf(body: Body, topic: string | undefined): Outcome {
  const fast = fastValidateJourneyEnvelope(body);
  const slow = classValidatorAccepts(body);
  const text = JSON.stringify(body);
  const options = topic === undefined ? {} : { topic };
  const sameParse = isDeepStrictEqual(parseJourneyEvent(text, options), parseWithoutFastPath(text, options));
  return { fast, slow, sameParse };
}

function topicOf(body: Body): string | undefined {
  return typeof body.type === 'string' && ALL_EVENT_TYPES.includes(body.type as EventType)
    ? INBOUND_TOPICS[stageOfEventType(body.type as EventType)]
    : undefined;
}

/** Runs every case and returns the ones where the fast path and class-validator part ways. */
function disagreements(
  cases: readonly Body[],
  topic: (body: Body) => string | undefined = topicOf,
): {
  accepted: number;
  failures: string[];
} {
  let accepted = 0;
  const failures: string[] = [];
  for (const body of cases) {
    const { fast, slow, sameParse } = outcomeOf(body, topic(body));
    if (slow) accepted += 1;
    const expectedFast = hasKeyClassTransformerDrops(body) ? false : slow;
    if (fast !== expectedFast || !sameParse) {
      failures.push(`fast=${fast} slow=${slow} sameParse=${sameParse} ${JSON.stringify(body).slice(0, 300)}`);
    }
  }
  return { accepted, failures: failures.slice(0, 10) };
}

describe(fastValidateJourneyEnvelope.name, () => {
  const simulated = new JourneySimulator({ customers: 1_000, seed: 7 }).generate();

  it('mirrors exactly the fields class-validator checks, for the envelope and every properties DTO', () => {
    const dtos = new Set<Dto>([JourneyEventEnvelopeDto, ...Object.values(PROPERTIES_DTO_BY_TYPE)]);
    expect(new Set(FAST_PATH_FIELDS_BY_DTO.keys())).toEqual(dtos);
    for (const dto of dtos) {
      expect({ dto: dto.name, fields: [...(FAST_PATH_FIELDS_BY_DTO.get(dto) ?? [])].sort() }).toEqual({
        dto: dto.name,
        fields: validatedFieldsOf(dto),
      });
    }
  });

  it(
    'accepts every event the simulator produces, with the same result as class-validator',
    () => {
      expect(simulated.length).toBeGreaterThan(4_000);
      const rejected = simulated.filter((e) => !fastValidateJourneyEnvelope(e.envelope));
      expect(rejected.map((e) => e.envelope)).toEqual([]);
      for (const { envelope: e, topic } of simulated) {
        const text = JSON.stringify(e);
        expect(parseJourneyEvent(text, { topic })).toStrictEqual(parseWithoutFastPath(text, { topic }));
      }
    },
    SLOW_TEST_MS,
  );

  it('accepts every base event the tests mutate', () => {
    expect(BASE_EVENTS.filter((b) => !fastValidateJourneyEnvelope(b) || !classValidatorAccepts(b))).toEqual(
      [],
    );
  });

  it(
    'agrees with class-validator on every envelope field swapped for every value',
    () => {
      const cases = [envelope('ad_click'), RICH_EVENTS[0], envelope('product_compared')].flatMap((base) =>
        [...ENVELOPE_FIELDS, ...UNKNOWN_KEYS].flatMap((key) =>
          VALUES.map((value) => withField(base, key, value)),
        ),
      );
      const { accepted, failures } = disagreements(cases);
      expect(failures).toEqual([]);
      expect(accepted).toBeGreaterThan(100);
    },
    SLOW_TEST_MS,
  );

  it.each(ALL_EVENT_TYPES)(
    'agrees with class-validator on every %s property swapped for every value',
    (type) => {
      const bases = BASE_EVENTS.filter((b) => b.type === type);
      const keys = [...(FIELDS_BY_TYPE.get(type) ?? []), 'extra', 'toString', 'currency'];
      const cases = bases.flatMap((base) =>
        keys.flatMap((key) => VALUES.map((value) => withProperty(base, key, value))),
      );
      const { accepted, failures } = disagreements(cases);
      expect(failures).toEqual([]);
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(cases.length);
    },
    SLOW_TEST_MS,
  );

  it.each(ALL_EVENT_TYPES)('agrees on a %s changed into each other type of its stage', (type) => {
    const siblings: readonly EventType[] = EVENT_TYPES_BY_STAGE[stageOfEventType(type)];
    const cases = BASE_EVENTS.filter((b) => b.type === type).flatMap((base) =>
      [...siblings, 'identify', 'teleported'].map((other) => withField(base, 'type', other)),
    );
    expect(disagreements(cases).failures).toEqual([]);
  });

  it(
    'agrees with class-validator on thousands of seeded random mutations of simulated events',
    () => {
      const random = new SeededRandom(20_260_301);
      const cases = Array.from({ length: 6_000 }, () => {
        const body = clone(random.pick(simulated).envelope);
        for (let n = random.int(1, 3); n > 0; n -= 1) mutate(body, random);
        return body;
      });
      // Each on a stage topic chosen at random, or none, so that wrong-topic rejections come up too.
      const topics = Object.values(INBOUND_TOPICS);
      const { accepted, failures } = disagreements(cases, () => random.pick([...topics, undefined]));
      expect(failures).toEqual([]);
      expect(accepted).toBeGreaterThan(300);
      expect(accepted).toBeLessThan(cases.length - 300);
    },
    SLOW_TEST_MS,
  );

  it('declines keys class-transformer drops, and the parser rejects them before either path', () => {
    for (const key of ['toString', 'valueOf', 'hasOwnProperty']) {
      const body = withProperty(withField(envelope('ad_click'), key, 'x'), key, 1);
      expect(fastValidateJourneyEnvelope(body)).toBe(false);
      const text = JSON.stringify(body);
      const result = parseJourneyEvent(text);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.reason).toMatchObject({
          code: 'UNSAFE_STRUCTURE',
          message: `key "${key}" is not allowed`,
        });
      expect(result).toStrictEqual(parseWithoutFastPath(text, {}));
    }
  });

  it('is what the parser consults, once per message that passes the type checks', () => {
    const spy = jest.spyOn(fastPath, 'fastValidateJourneyEnvelope');
    try {
      expect(parseJourneyEvent(JSON.stringify(envelope('order_placed'))).ok).toBe(true);
      expect(parseJourneyEvent(JSON.stringify({ ...envelope('ad_click'), type: 'identify' })).ok).toBe(false);
      expect(spy.mock.results).toEqual([{ type: 'return', value: true }]);
    } finally {
      spy.mockRestore();
    }
  });
});

/** One random edit: drop, add or swap a field of the envelope or the properties, or change the type. */
function mutate(body: Body, random: SeededRandom): void {
  const properties = isRecord(body.properties) ? body.properties : undefined;
  const type = typeof body.type === 'string' ? body.type : 'ad_click';
  const fieldsOfType = FIELDS_BY_TYPE.get(type as EventType) ?? ALL_PROPERTY_FIELDS;
  switch (random.int(0, 7)) {
    case 0:
      delete body[random.pick(Object.keys(body))];
      return;
    case 1:
      if (properties) delete properties[random.pick([...Object.keys(properties), 'none'])];
      return;
    case 2:
      body[random.pick(UNKNOWN_KEYS)] = random.pick(VALUES);
      return;
    case 3:
      if (properties)
        properties[random.pick([...ALL_PROPERTY_FIELDS, ...UNKNOWN_KEYS])] = random.pick(VALUES);
      return;
    case 4:
      body[random.pick(ENVELOPE_FIELDS)] = random.pick(VALUES);
      return;
    case 5:
    case 6:
      if (properties) properties[random.pick(fieldsOfType)] = random.pick(VALUES);
      return;
    default: {
      const stage = ALL_EVENT_TYPES.includes(type as EventType)
        ? stageOfEventType(type as EventType)
        : 'awareness';
      body.type = random.pick(EVENT_TYPES_BY_STAGE[stage]);
    }
  }
}
