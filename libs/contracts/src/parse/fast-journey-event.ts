import { CHANNELS } from '../envelope/channels';
import { SCHEMA_VERSION } from '../envelope/envelope-fields.dto';
import { parseIsoTimestamp } from '../envelope/iso-timestamp';
import { JourneyEventEnvelopeDto } from '../envelope/journey-event-envelope.dto';
import {
  ALL_EVENT_TYPES,
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  INCIDENT_KINDS,
  isEventType,
} from '../event-types';
import { isIdentifier } from '../identifiers';
import { isCurrencyCode, toMinorUnits } from '../money';
import {
  NpsResponsePropertiesDto,
  ReferralConvertedPropertiesDto,
  ReferralSentPropertiesDto,
  ReviewPostedPropertiesDto,
  SocialSharePropertiesDto,
} from '../properties/advocacy-properties.dto';
import { AwarenessPropertiesDto } from '../properties/awareness-properties.dto';
import {
  AddedToCartPropertiesDto,
  CheckoutStartedPropertiesDto,
  ProductComparedPropertiesDto,
  ProductViewedPropertiesDto,
  TrialStartedPropertiesDto,
  WishlistAddedPropertiesDto,
} from '../properties/consideration-properties.dto';
import {
  OrderCancelledPropertiesDto,
  OrderPlacedPropertiesDto,
  OrderRefundedPropertiesDto,
} from '../properties/conversion-properties.dto';
import { LABEL_MAX_LENGTH } from '../properties/is-label.decorator';
import { PROPERTIES_DTO_BY_TYPE } from '../properties/properties-by-type';
import {
  ConsentUpdatedPropertiesDto,
  IncidentReportedPropertiesDto,
  IncidentResolvedPropertiesDto,
  LoyaltyJoinedPropertiesDto,
  RepeatVisitPropertiesDto,
  SubscriptionCancelledPropertiesDto,
  SubscriptionRenewedPropertiesDto,
} from '../properties/retention-properties.dto';

/*
 * A hand-written mirror of the v1 DTOs for the hot path: the same decisions as class-transformer's
 * plainToInstance plus class-validator's validateSync (whitelist, forbidNonWhitelisted), without
 * building instances, metadata lookups or error trees. It only ever answers "certainly valid": on
 * `false` the parser runs class-validator, which stays the source of truth for every rejection and its
 * message. Each rule below copies the semantics of the decorator it stands for.
 */

type Plain = Readonly<Record<string, unknown>>;

/** One field's rule, given the field's value and the object holding it (for rules that read a sibling). */
type FieldRule = (value: unknown, object: Plain) => boolean;

/** A rule for every field a DTO declares, no more and no fewer: the compiler keeps the two in step. */
type FieldRules<T> = { readonly [K in keyof T]-?: FieldRule };

interface Schema {
  readonly dto: abstract new () => object;
  readonly names: readonly string[];
  readonly rules: readonly FieldRule[];
  readonly declared: ReadonlySet<string>;
}

function schema<T extends object>(dto: new () => T, rules: NoInfer<FieldRules<T>>): Schema {
  const names = Object.keys(rules);
  return {
    dto,
    names,
    rules: names.map((name) => (rules as Readonly<Record<string, FieldRule>>)[name]),
    declared: new Set(names),
  };
}

/**
 * True when every key is declared (forbidNonWhitelisted) and every declared field passes its rule.
 * Keys that class-transformer silently drops (those naming an Object.prototype method, such as
 * `toString`) count as undeclared here, so the parser hands such a message to class-validator.
 */
function conforms(object: Plain, { names, rules, declared }: Schema): boolean {
  for (const key in object) if (!declared.has(key)) return false;
  for (let i = 0; i < names.length; i += 1) if (!rules[i](object[names[i]], object)) return false;
  return true;
}

/** IsOptional: null and undefined skip the field's other rules. */
function optional(rule: FieldRule): FieldRule {
  return (value, object) => value === undefined || value === null || rule(value, object);
}

/** IsIdentifier, and IsString plus Matches(IDENTIFIER_PATTERN) on the envelope ids. */
const identifier: FieldRule = (value) => isIdentifier(value);

/** IsLabel(max). */
function label(max: number = LABEL_MAX_LENGTH): FieldRule {
  return (value) => typeof value === 'string' && value.length >= 1 && value.length <= max;
}

/** IsInt, Min(min), Max(max): class-validator's IsInt is `typeof number` and Number.isInteger. */
function integer(min: number, max: number): FieldRule {
  return (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** IsIn: strict equality with one of the values (they are all strings, so a Set agrees). */
function oneOf(values: readonly string[]): FieldRule {
  const allowed = new Set<unknown>(values);
  return (value) => allowed.has(value);
}

/** IsArray, ArrayMinSize(min), ArrayMaxSize(max), IsIdentifier({ each: true }). */
function identifierList(min: number, max: number): FieldRule {
  return (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return false;
    const items: readonly unknown[] = value;
    for (let i = 0; i < items.length; i += 1) if (!isIdentifier(items[i])) return false;
    return true;
  };
}

/** IsIsoTimestamp. */
const timestamp: FieldRule = (value) => parseIsoTimestamp(value).ok;

/** IsObject: arrays are not objects, functions are. */
const plainObject: FieldRule = (value) =>
  value !== null &&
  value !== undefined &&
  (typeof value === 'object' || typeof value === 'function') &&
  !Array.isArray(value);

/** IsCurrency. */
const currency: FieldRule = (value) => isCurrencyCode(value);

/** IsDecimalAmount: the sibling currency's minor digits, or USD's two while that currency is invalid. */
const amount: FieldRule = (value, object) => {
  const code = object.currency;
  return toMinorUnits(value, isCurrencyCode(code) ? code : 'USD').ok;
};

/** ValidateIf(amount or currency given) with IsCurrency: a currency is required with its amount. */
function currencyOf(amountField: string): FieldRule {
  return (value, object) =>
    (object[amountField] === undefined && value === undefined) || isCurrencyCode(value);
}

const ENVELOPE = schema(JourneyEventEnvelopeDto, {
  eventId: identifier,
  customerId: identifier,
  anonymousId: optional(identifier),
  occurredAt: timestamp,
  sentAt: optional(timestamp),
  receivedAt: optional(timestamp),
  channel: optional(oneOf(CHANNELS)),
  properties: plainObject,
  schemaVersion: (value) => value === SCHEMA_VERSION,
  type: (value) => isEventType(value),
});

const PRODUCT_VIEWED_RULES: FieldRules<ProductViewedPropertiesDto> = {
  productId: identifier,
  category: optional(label(128)),
  price: optional(amount),
  currency: currencyOf('price'),
};

const PROPERTIES_SCHEMAS: readonly Schema[] = [
  schema(AwarenessPropertiesDto, {
    source: label(128),
    campaign: optional(label()),
    medium: optional(label(128)),
    cost: optional(amount),
    currency: currencyOf('cost'),
  }),
  schema(ProductViewedPropertiesDto, PRODUCT_VIEWED_RULES),
  schema(ProductComparedPropertiesDto, { productIds: identifierList(2, 20) }),
  schema(AddedToCartPropertiesDto, { ...PRODUCT_VIEWED_RULES, quantity: integer(1, 10_000) }),
  schema(WishlistAddedPropertiesDto, { productId: identifier }),
  schema(TrialStartedPropertiesDto, { productId: identifier, trialDays: optional(integer(1, 366)) }),
  schema(CheckoutStartedPropertiesDto, {
    cartId: optional(identifier),
    value: optional(amount),
    currency: currencyOf('value'),
  }),
  schema(OrderPlacedPropertiesDto, {
    orderId: identifier,
    amount,
    currency,
    itemCount: optional(integer(1, 100_000)),
  }),
  schema(OrderRefundedPropertiesDto, {
    orderId: identifier,
    amount,
    currency,
    refundId: optional(identifier),
  }),
  schema(OrderCancelledPropertiesDto, { orderId: identifier }),
  schema(RepeatVisitPropertiesDto, { source: optional(label(128)) }),
  schema(LoyaltyJoinedPropertiesDto, { programId: optional(identifier), tier: optional(label(64)) }),
  schema(SubscriptionRenewedPropertiesDto, { subscriptionId: identifier }),
  schema(SubscriptionCancelledPropertiesDto, { subscriptionId: identifier, reason: optional(label()) }),
  schema(IncidentReportedPropertiesDto, { incidentId: identifier, kind: oneOf(INCIDENT_KINDS) }),
  schema(IncidentResolvedPropertiesDto, { incidentId: identifier }),
  schema(ConsentUpdatedPropertiesDto, {
    channel: oneOf(CONSENT_CHANNELS),
    status: oneOf(CONSENT_STATUSES),
    source: label(128),
  }),
  schema(NpsResponsePropertiesDto, { score: integer(0, 10), comment: optional(label(2000)) }),
  schema(ReviewPostedPropertiesDto, { rating: integer(1, 5), productId: optional(identifier) }),
  schema(ReferralSentPropertiesDto, { referralId: optional(identifier) }),
  schema(ReferralConvertedPropertiesDto, {
    referralId: optional(identifier),
    referredCustomerId: optional(identifier),
  }),
  schema(SocialSharePropertiesDto, { network: optional(label(64)), productId: optional(identifier) }),
];

/**
 * Resolved through PROPERTIES_DTO_BY_TYPE, so which DTO validates which type is said in one place; a
 * DTO without a mirror here fails at load, not at the first message.
 */
const PROPERTIES_SCHEMA_BY_TYPE = new Map<string, Schema>(
  ALL_EVENT_TYPES.map((type) => {
    const found = PROPERTIES_SCHEMAS.find((s) => s.dto === PROPERTIES_DTO_BY_TYPE[type]);
    if (found === undefined) throw new Error(`no fast-path schema for the properties of ${type}`);
    return [type, found] as const;
  }),
);

/**
 * True only when `body` is a valid v1 stage event: envelope and the properties of its type, exactly as
 * the DTOs decide. `false` means "not certainly valid": validate with class-validator for the verdict
 * and its message. Expects what `readEventBody` returns (a parsed, structure-checked JSON object).
 */
export function fastValidateJourneyEnvelope(body: Plain): boolean {
  if (!conforms(body, ENVELOPE)) return false;
  const properties = PROPERTIES_SCHEMA_BY_TYPE.get(body.type as string);
  return properties !== undefined && conforms(body.properties as Plain, properties);
}

/**
 * The DTO classes the fast path mirrors, each with the fields it checks, so a test can hold them
 * against class-validator's metadata. Not part of the library's public API.
 */
export const FAST_PATH_FIELDS_BY_DTO: ReadonlyMap<abstract new () => object, readonly string[]> = new Map(
  [ENVELOPE, ...PROPERTIES_SCHEMAS].map((s) => [s.dto, s.names] as const),
);
