import { Parser } from '@asyncapi/parser';
import { envelope } from '@pipeline/testing/event-builders';
import Ajv, { ValidateFunction } from 'ajv';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS } from './envelope/channels';
import { IdentifyEnvelopeDto } from './envelope/identify-envelope.dto';
import { JourneyEventEnvelopeDto } from './envelope/journey-event-envelope.dto';
import {
  ALL_EVENT_TYPES,
  EVENT_TYPES_BY_STAGE,
  EventType,
  IDENTITY_EVENT_TYPES,
  stageOfEventType,
} from './event-types';
import { IDENTIFIER_MAX_LENGTH, IDENTIFIER_PATTERN } from './identifiers';
import { MAX_AMOUNT_MINOR } from './amount-bounds';
import { CURRENCY_PATTERN } from './money';
import { CHURN_BANDS } from './outbound/churn-risk.event';
import { parseIdentifyEvent } from './parse/parse-identify-event';
import { parseJourneyEvent } from './parse/parse-journey-event';
import { REJECTION_CODES } from './parse/rejection';
import { IdentifyPropertiesDto } from './properties/identity-properties.dto';
import { PROPERTIES_DTO_BY_TYPE } from './properties/properties-by-type';
import { TopicPayloadMap } from './topic-payload-map';
import {
  ALL_INBOUND_TOPICS,
  DEAD_LETTER_TOPIC,
  DeadLetterTopic,
  IDENTITY_TOPIC,
  INBOUND_TOPICS,
  JOURNEY_STAGES,
  JourneyStage,
  OUTBOUND_TOPICS,
  OutboundTopic,
} from './topics';

/** The subset of JSON Schema the document uses, after the parser has resolved every $ref. */
interface Schema {
  readonly 'x-parser-schema-id'?: string;
  readonly 'x-maximum-minor-units'?: number;
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly allOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
}
interface Message {
  readonly payload: Schema;
  readonly bindings?: { readonly kafka?: { readonly key?: Schema } };
  readonly examples?: ReadonlyArray<{ readonly name?: string; readonly payload: Record<string, unknown> }>;
}
interface AsyncApiJson {
  readonly channels: Readonly<
    Record<string, { readonly address: string; readonly messages: Record<string, Message> }>
  >;
}
type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

const DOCUMENT = join(__dirname, '../../../docs/asyncapi.yaml');
// Formats are annotations here: the contract's own patterns carry the rules that matter.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
let doc: AsyncApiJson;

beforeAll(async () => {
  const { document, diagnostics } = await new Parser().parse(readFileSync(DOCUMENT, 'utf8'));
  const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
  if (document === undefined || errors.length > 0) {
    throw new Error(`docs/asyncapi.yaml is not valid AsyncAPI:\n${errors.join('\n')}`);
  }
  doc = document.json<AsyncApiJson>();
});

function messageOn(topic: string): Message {
  const channels = Object.values(doc.channels).filter((c) => c.address === topic);
  const messages = channels.flatMap((c) => Object.values(c.messages));
  if (messages.length !== 1) throw new Error(`expected one channel with one message for ${topic}`);
  return messages[0];
}

function schemaErrors(schema: Schema, value: unknown): string[] {
  const validate: ValidateFunction = ajv.compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** The `type` const and `properties` schema of each variant of a stage message, in document order. */
function variantsOf(stage: JourneyStage): Array<{ type: unknown; properties: Schema }> {
  return (messageOn(INBOUND_TOPICS[stage]).payload.oneOf ?? []).map((variant) => {
    const own = variant.allOf?.find((part) => part.properties?.['type']?.const !== undefined);
    const properties = own?.properties?.['properties'];
    if (!own || !properties) throw new Error(`a ${stage} variant lacks a type const or a properties schema`);
    return { type: own.properties?.['type']?.const, properties };
  });
}

function propertiesSchemaOf(type: EventType): Schema {
  const variant = variantsOf(stageOfEventType(type)).find((v) => v.type === type);
  if (!variant) throw new Error(`no variant for ${type}`);
  return variant.properties;
}

function envelopeSchema(): Schema {
  const first = messageOn(INBOUND_TOPICS.awareness).payload.oneOf?.[0]?.allOf?.[0];
  if (first?.['x-parser-schema-id'] !== 'JourneyEventEnvelope')
    throw new Error('variants must extend JourneyEventEnvelope');
  return first;
}

/** What a class-validator decorator implies about the JSON schema of its field. */
function facetsOf(meta: Metadata): Record<string, unknown> {
  const first: unknown = meta.constraints?.[0];
  const facet = (f: Record<string, unknown>) => (meta.each ? { items: f } : f);
  switch (meta.name) {
    case 'isIdentifier':
      return facet({
        'x-parser-schema-id': 'Identifier',
        pattern: IDENTIFIER_PATTERN.source,
        maxLength: IDENTIFIER_MAX_LENGTH,
      });
    case 'isIsoTimestamp':
      return facet({ 'x-parser-schema-id': 'IsoTimestamp' });
    case 'isDecimalAmount':
      return facet({ 'x-parser-schema-id': 'Amount' });
    case 'isCurrency':
      return facet({ 'x-parser-schema-id': 'Currency', pattern: CURRENCY_PATTERN.source });
    case 'isLabel':
      return facet({ type: 'string', minLength: 1 });
    case 'isString':
      return facet({ type: 'string' });
    case 'matches':
      return facet({ pattern: (first as RegExp).source });
    case 'isIn':
      return facet({ enum: [...(first as readonly unknown[])] });
    case 'equals':
      return { const: first };
    case 'isObject':
      return { type: 'object' };
    case 'isInt':
      return facet({ type: 'integer' });
    case 'isArray':
      return { type: 'array' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    default:
      throw new Error(`asyncapi-drift.spec.ts does not know @${meta.name ?? meta.type}: teach facetsOf`);
  }
}

/** Fails unless the schema has exactly the DTO's fields, required where the DTO has no condition. */
function expectSchemaToMirror(dto: new () => object, schema: Schema): void {
  const byField = new Map<string, Metadata[]>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    byField.set(meta.propertyName, [...(byField.get(meta.propertyName) ?? []), meta]);
  }
  const required = [...byField].filter(([, metas]) =>
    metas.every((m) => m.type !== ValidationTypes.CONDITIONAL_VALIDATION),
  );
  expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...byField.keys()].sort());
  expect([...(schema.required ?? [])].sort()).toEqual(required.map(([field]) => field).sort());
  for (const [field, metas] of byField) {
    const facets = metas.filter((m) => m.type !== ValidationTypes.CONDITIONAL_VALIDATION).map(facetsOf);
    expect({ field, schema: schema.properties?.[field] }).toMatchObject({
      field,
      schema: Object.assign({}, ...facets) as object,
    });
  }
}

// Malformed in shape only: the document can express why each is wrong. Calendar, range, currency
// digits and whitespace trimming are the parser's alone, so they stay out of this list.
const MALFORMED_STRINGS = [
  '',
  'a b',
  'a{b}',
  '-a',
  '1.',
  '.5',
  '01.5',
  '1e3',
  '-1',
  'eur',
  '2026-03-01',
  '2026-03-01T12:00:00',
  '2026-03-01T12:00:00+0100',
  '2026-03-01T12:00:00.1234567891Z',
];

/** Values at and just past each bound the schema declares, for both sides to judge. */
function edgeValues(schema: Schema): unknown[] {
  const out: unknown[] = [true];
  if (schema.type === 'string' || schema.pattern !== undefined) out.push(...MALFORMED_STRINGS);
  const { minLength, maxLength, minimum, maximum, minItems, maxItems } = schema;
  if (minLength !== undefined) out.push('a'.repeat(minLength), 'a'.repeat(Math.max(0, minLength - 1)));
  if (maxLength !== undefined) out.push('a'.repeat(maxLength), 'a'.repeat(maxLength + 1));
  if (minimum !== undefined) out.push(minimum, minimum - 1);
  if (maximum !== undefined) out.push(maximum, maximum + 1);
  if (schema.type === 'integer') out.push((minimum ?? 0) + 0.5);
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `p-${i}`);
  if (minItems !== undefined) out.push(ids(minItems), ids(minItems - 1));
  if (maxItems !== undefined) out.push(ids(maxItems), ids(maxItems + 1));
  if (schema.enum) out.push(...schema.enum, 'not-a-member');
  if (schema.const !== undefined) out.push(schema.const, 2);
  return [...out, ...(schema.oneOf ?? []).flatMap(edgeValues)];
}

/** Variations of a full example where the parser and the document must reach the same verdict. */
function* variationsOf(example: Record<string, unknown>): Generator<[string, Record<string, unknown>]> {
  const props = example.properties as Record<string, unknown>;
  const type = example.type as EventType;
  yield ['an unknown envelope field', { ...example, extra: 1 }];
  yield ['an unknown property', { ...example, properties: { ...props, extra: 1 } }];
  for (const [field, schema] of Object.entries(envelopeSchema().properties ?? {})) {
    const { [field]: _dropped, ...rest } = example;
    yield [`no ${field}`, rest];
    for (const value of edgeValues(schema))
      yield [`${field}: ${JSON.stringify(value)}`, { ...example, [field]: value }];
  }
  for (const [field, schema] of Object.entries(propertiesSchemaOf(type).properties ?? {})) {
    const { [field]: _dropped, ...rest } = props;
    yield [`no properties.${field}`, { ...example, properties: rest }];
    for (const value of edgeValues(schema)) {
      yield [
        `properties.${field}: ${JSON.stringify(value)}`,
        { ...example, properties: { ...props, [field]: value } },
      ];
    }
  }
}

function exampleOf(type: EventType): Record<string, unknown> {
  const found = messageOn(INBOUND_TOPICS[stageOfEventType(type)]).examples?.find(
    (e) => e.payload.type === type,
  );
  if (!found) throw new Error(`docs/asyncapi.yaml has no example of ${type}`);
  return found.payload;
}

// Typed against the outbound interfaces, so a field renamed in code breaks `npm run typecheck` here.
const OUTBOUND_SAMPLES: { [T in OutboundTopic | DeadLetterTopic]: ReadonlyArray<TopicPayloadMap[T]> } = {
  [OUTBOUND_TOPICS.clv]: [
    {
      eventId: 'clv-1',
      customerId: 'cust-1',
      currency: 'EUR',
      simple: {
        value: '-4.54',
        annualRevenue: '-6.09',
        relationshipYears: 0.5,
        relationshipSource: 'configured',
        acquisitionCost: '1.50',
        acquisitionCostSource: 'default',
        netRevenue: '-0.50',
        tenureYears: 0.0821,
      },
      predictive: null,
      segment: 'unranked',
      trigger: { kind: 'time' },
      computedAt: '2026-03-01T12:00:00Z',
      schemaVersion: 1,
    },
    {
      eventId: 'clv-2',
      customerId: 'cust-1',
      currency: 'JPY',
      simple: {
        value: '1200',
        annualRevenue: '400',
        relationshipYears: 3,
        relationshipSource: 'observed-churn',
        acquisitionCost: '0',
        acquisitionCostSource: 'none',
        netRevenue: '1000',
        tenureYears: 2.5,
      },
      predictive: {
        value: '900',
        probabilityAlive: 1,
        expectedPurchases: 2.5,
        expectedAverageOrderValue: '360',
        horizonMonths: 24,
        annualDiscountRate: 0.1,
        modelVersion: 'm-1',
        inputs: { unit: 'day', frequency: 4, recency: 700, age: 913, monetary: '375' },
      },
      segment: 'top',
      trigger: { kind: 'event', eventId: 'evt-1' },
      computedAt: '2026-03-01T12:00:00Z',
      schemaVersion: 1,
    },
    {
      eventId: 'clv-3',
      customerId: 'cust-2',
      currency: 'EUR',
      simple: {
        value: '95.00',
        annualRevenue: '40.00',
        relationshipYears: 2.5,
        relationshipSource: 'observed-churn',
        acquisitionCost: '5.00',
        acquisitionCostSource: 'attributed',
        netRevenue: '40.00',
        tenureYears: 1,
      },
      predictive: {
        value: '11.90',
        probabilityAlive: 1,
        expectedPurchases: 0.4,
        expectedAverageOrderValue: '31.50',
        horizonMonths: 12,
        annualDiscountRate: 0,
        modelVersion: 'm-2',
        inputs: { unit: 'week', frequency: 0, recency: 0, age: 52.142857142857146, monetary: '0.00' },
      },
      segment: 'low',
      trigger: { kind: 'refit', modelVersion: 'm-2' },
      computedAt: '2026-03-01T12:00:00Z',
      schemaVersion: 1,
    },
  ],
  [OUTBOUND_TOPICS.churnRisk]: [
    {
      eventId: 'churn-1',
      customerId: 'cust-1',
      score: 0,
      band: 'low',
      previousBand: null,
      reasons: [],
      trigger: { kind: 'time' },
      at: '2026-03-01T12:00:00Z',
      schemaVersion: 1,
    },
    {
      eventId: 'churn-2',
      customerId: 'cust-1',
      score: 1,
      band: 'high',
      previousBand: 'medium',
      reasons: [{ code: 'inactive', text: 'No activity for 120 days.' }],
      trigger: { kind: 'event', eventId: 'evt-1' },
      at: '2026-03-01T12:00:00Z',
      schemaVersion: 1,
    },
  ],
  [OUTBOUND_TOPICS.stageChanged]: [
    {
      eventId: 'stage-1',
      customerId: 'cust-1',
      from: null,
      to: 'awareness',
      at: '2026-03-01T12:00:00Z',
      causingEventId: 'evt-1',
      furthestStage: 'awareness',
      schemaVersion: 1,
    },
  ],
  [OUTBOUND_TOPICS.customerErased]: [
    {
      eventId: 'customer-erased:6:cust-1:1772366400000',
      customerId: 'cust-1',
      erasedAt: '2026-03-01T12:00:00.000Z',
      schemaVersion: 1,
    },
  ],
  [OUTBOUND_TOPICS.profile]: [
    {
      eventId: 'profile:6:cust-1:evt-1',
      customerId: 'cust-1',
      stages: { current: 'awareness', furthest: 'awareness', currentSince: '2026-03-01T12:00:00.000Z' },
      clv: null,
      churn: null,
      orders: { count: 0, netRevenue: null },
      firstSeenAt: '2026-03-01T12:00:00.000Z',
      lastSeenAt: '2026-03-01T12:00:00.000Z',
      consent: {},
      reflects: { eventsApplied: 1, causingEventId: 'evt-1' },
      schemaVersion: 1,
    },
    {
      eventId: 'profile:6:cust-2:evt-9',
      customerId: 'cust-2',
      stages: { current: 'conversion', furthest: 'advocacy', currentSince: '2026-03-02T12:00:00.000Z' },
      clv: { currency: 'JPY', simple: '-1200', predictive: '900', segment: 'top' },
      churn: { score: 0.6, band: 'medium', reasons: [{ code: 'NPS_DETRACTOR', text: 'NPS 3' }] },
      orders: { count: 3, netRevenue: '1000' },
      firstSeenAt: '2026-03-01T12:00:00.000Z',
      lastSeenAt: '2026-03-02T12:00:00.000Z',
      consent: {
        email: { status: 'withdrawn', source: 'unsubscribe_link', at: '2026-03-02T12:00:00.000Z' },
        ads: { status: 'granted', source: 'cookie_banner', at: '2026-03-01T12:00:00.000Z' },
      },
      reflects: { eventsApplied: 9, causingEventId: 'evt-9' },
      schemaVersion: 1,
    },
  ],
  [DEAD_LETTER_TOPIC]: [
    {
      reason: { code: 'KEY_MISMATCH', field: 'customerId', message: 'key is not the customerId' },
      source: {
        topic: `staging.${INBOUND_TOPICS.conversion}`,
        logicalTopic: INBOUND_TOPICS.conversion,
        partition: 0,
        offset: '9007199254740993',
        timestamp: '0',
      },
      original: {
        keyBase64: null,
        keyBytes: 0,
        keySha256: null,
        keyTruncated: false,
        valueBase64: 'e30=',
        valueBytes: 2,
        valueSha256: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
        valueTruncated: false,
        headers: { 'x-origin': 'shop' },
        headersBase64: [
          { name: 'x-origin', valueBase64: 'c2hvcA==' },
          { name: 'x-bin', valueBase64: 'AP/+gAo=' },
          { name: 'x-null', valueBase64: null },
        ],
        headerCount: 3,
        headersBytes: 28,
        headersSha256: '52c593ea12dbf8bcf754d6237896c03dc1f8b328b16a904726c7b2ac34c11b80',
        headersTruncated: false,
      },
      deadLetteredAt: '2026-03-01T12:00:00Z',
      schemaVersion: 1,
    },
    {
      reason: { code: 'NOT_JSON', message: 'value is not JSON' },
      source: {
        topic: INBOUND_TOPICS.awareness,
        logicalTopic: INBOUND_TOPICS.awareness,
        partition: 5,
        offset: '7',
        timestamp: '1772366400000',
      },
      original: {
        keyBase64: '',
        keyBytes: 409_600,
        keySha256: '6f55669d699919ccd91ee5c252659b18cf977e0a52575d93829b0429e2c26cda',
        keyTruncated: true,
        valueBase64: '',
        valueBytes: 409_600,
        valueSha256: '15fc03d5ccf7e5fc69d131b903bd97d4fc6e81005346428e83764c4c663322c6',
        valueTruncated: true,
        headers: {},
        headersBase64: [],
        headerCount: 0,
        headersBytes: 0,
        headersSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        headersTruncated: false,
      },
      fallback: 'the broker refused the dead letter: MESSAGE_TOO_LARGE',
      deadLetteredAt: '2026-03-01T12:00:00.000Z',
      schemaVersion: 1,
    },
  ],
};

describe('docs/asyncapi.yaml', () => {
  it('has a channel for every topic of the contract and no other', () => {
    const addresses = Object.values(doc.channels).map((c) => c.address);
    const topics = [
      ...ALL_INBOUND_TOPICS,
      IDENTITY_TOPIC,
      ...Object.values(OUTBOUND_TOPICS),
      DEAD_LETTER_TOPIC,
    ];
    expect([...addresses].sort()).toEqual([...topics].sort());
  });

  it('keys inbound and derived messages by customerId', () => {
    for (const topic of [...ALL_INBOUND_TOPICS, IDENTITY_TOPIC, ...Object.values(OUTBOUND_TOPICS)]) {
      expect({ topic, key: messageOn(topic).bindings?.kafka?.key }).toMatchObject({
        topic,
        key: { type: 'string', pattern: IDENTIFIER_PATTERN.source },
      });
    }
  });

  it.each(JOURNEY_STAGES)('lists exactly the event types of the %s topic', (stage) => {
    expect(variantsOf(stage).map((v) => v.type)).toEqual([...EVENT_TYPES_BY_STAGE[stage]]);
  });

  it('describes the envelope as JourneyEventEnvelopeDto validates it', () => {
    expectSchemaToMirror(JourneyEventEnvelopeDto, envelopeSchema());
    expect(envelopeSchema().properties?.['type']?.enum).toEqual(ALL_EVENT_TYPES);
    expect(envelopeSchema().properties?.['channel']?.enum).toEqual(CHANNELS);
  });

  it.each(ALL_EVENT_TYPES)('describes the properties of %s as its DTO validates them', (type) => {
    expectSchemaToMirror(PROPERTIES_DTO_BY_TYPE[type], propertiesSchemaOf(type));
  });

  it('lists the rejection codes, churn bands and stages of the derived events', () => {
    const props = (topic: string) => messageOn(topic).payload.properties ?? {};
    expect(props(DEAD_LETTER_TOPIC)['reason']?.properties?.['code']?.enum).toEqual(REJECTION_CODES);
    expect(props(OUTBOUND_TOPICS.churnRisk)['band']?.enum).toEqual(CHURN_BANDS);
    for (const field of ['to', 'furthestStage']) {
      expect(props(OUTBOUND_TOPICS.stageChanged)[field]?.enum).toEqual(JOURNEY_STAGES);
    }
  });

  it('states the maximum amount per event the parser enforces', () => {
    const amount = propertiesSchemaOf('order_placed').properties?.['amount'];
    expect(amount?.['x-maximum-minor-units']).toBe(MAX_AMOUNT_MINOR);
  });

  describe('agrees with the parser', () => {
    it.each(ALL_EVENT_TYPES)('on a full example of %s', (type) => {
      const example = exampleOf(type);
      const topic = INBOUND_TOPICS[stageOfEventType(type)];
      const result = parseJourneyEvent(JSON.stringify(example), { topic });
      expect(result.ok ? [] : [result.reason]).toEqual([]);
      expect(schemaErrors(messageOn(topic).payload, example)).toEqual([]);
      expect(Object.keys(example).sort()).toEqual(Object.keys(envelopeSchema().properties ?? {}).sort());
      expect(Object.keys(example.properties as object).sort()).toEqual(
        Object.keys(propertiesSchemaOf(type).properties ?? {}).sort(),
      );
    });

    it.each(ALL_EVENT_TYPES)('on every field of %s missing, mistyped or at its bounds', (type) => {
      const topic = INBOUND_TOPICS[stageOfEventType(type)];
      const payload = messageOn(topic).payload;
      const disagreements: string[] = [];
      for (const [name, value] of variationsOf(exampleOf(type))) {
        const parsed = parseJourneyEvent(JSON.stringify(value), { topic });
        const documented = schemaErrors(payload, value).length === 0;
        if (parsed.ok !== documented) {
          const verdict = parsed.ok ? 'accepted' : `rejected (${parsed.reason.message})`;
          disagreements.push(`${name}: parser ${verdict}, document ${documented ? 'accepts' : 'rejects'}`);
        }
      }
      expect(disagreements).toEqual([]);
    });

    it.each(ALL_EVENT_TYPES)('on the test builder sample of %s', (type) => {
      const topic = INBOUND_TOPICS[stageOfEventType(type)];
      expect(schemaErrors(messageOn(topic).payload, envelope(type))).toEqual([]);
    });
  });

  describe('describes the identity topic', () => {
    const identify = (): Message => messageOn(IDENTITY_TOPIC);
    const example = (): Record<string, unknown> => {
      const found = identify().examples?.[0]?.payload;
      if (!found) throw new Error(`docs/asyncapi.yaml has no example on ${IDENTITY_TOPIC}`);
      return found;
    };

    it('as IdentifyEnvelopeDto and IdentifyPropertiesDto validate it', () => {
      const payload = identify().payload;
      expectSchemaToMirror(IdentifyEnvelopeDto, payload);
      expectSchemaToMirror(IdentifyPropertiesDto, payload.properties?.['properties'] ?? {});
      expect(payload.properties?.['type']?.enum).toEqual(IDENTITY_EVENT_TYPES);
      expect(Object.keys(payload.properties ?? {}).sort()).toEqual(
        Object.keys(envelopeSchema().properties ?? {}).sort(),
      );
    });

    it('with an example the parser accepts', () => {
      const result = parseIdentifyEvent(JSON.stringify(example()));
      expect(result.ok ? [] : [result.reason]).toEqual([]);
      expect(schemaErrors(identify().payload, example())).toEqual([]);
    });

    // Two cross-field rules are the parser's alone (an envelope anonymousId must equal
    // properties.anonymousId, which must differ from customerId): the variations keep clear of them.
    it('agreeing with the parser on every field missing, mistyped or at its bounds', () => {
      const { anonymousId: _envelopeAnonymousId, ...base } = example();
      const payload = identify().payload;
      const props = base.properties as Record<string, unknown>;
      const variations: Array<[string, Record<string, unknown>]> = [
        ['an unknown envelope field', { ...base, extra: 1 }],
        ['an unknown property', { ...base, properties: { ...props, extra: 1 } }],
        ['a stage event type', { ...base, type: 'ad_click' }],
      ];
      for (const [field, schema] of Object.entries(payload.properties ?? {})) {
        if (field === 'anonymousId' || field === 'properties') continue;
        const { [field]: _dropped, ...rest } = base;
        variations.push([`no ${field}`, rest]);
        for (const value of edgeValues(schema))
          variations.push([`${field}: ${JSON.stringify(value)}`, { ...base, [field]: value }]);
      }
      for (const value of edgeValues(payload.properties?.['properties']?.properties?.['anonymousId'] ?? {})) {
        variations.push([
          `properties.anonymousId: ${JSON.stringify(value)}`,
          { ...base, properties: { anonymousId: value } },
        ]);
      }
      const disagreements = variations.flatMap(([name, value]) => {
        const parsed = parseIdentifyEvent(JSON.stringify(value));
        const documented = schemaErrors(payload, value).length === 0;
        return parsed.ok === documented ? [] : [`${name}: parser ${parsed.ok ? 'accepts' : 'rejects'}`];
      });
      expect(disagreements).toEqual([]);
    });
  });

  it.each(Object.entries(OUTBOUND_SAMPLES))('fits the payloads the code types for %s', (topic, samples) => {
    const message = messageOn(topic);
    for (const sample of [...samples, ...(message.examples ?? []).map((e) => e.payload)]) {
      expect(schemaErrors(message.payload, sample)).toEqual([]);
    }
  });
});
