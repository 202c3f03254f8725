import { ALL_EVENT_TYPES, IDENTITY_EVENT_TYPES, isIdentifier, type EventType } from '@pipeline/contracts';
import { plainToInstance } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
  type ValidationError,
} from 'class-validator';

/** What one storefront's API key may do. Only the key's SHA-256 is configured, never the key. */
export interface ApiKeyGrant {
  readonly id: string;
  /** SHA-256 of the key, 32 bytes. */
  readonly sha256: Buffer;
  /**
   * Journey event types the key may send; `'*'` for all but those granted by name only
   * (`GRANTED_BY_NAME_ONLY`), which `named` lists.
   */
  readonly eventTypes: ReadonlySet<EventType> | '*';
  /** The types granted by name only that the key lists. */
  readonly named: ReadonlySet<EventType>;
  /**
   * Whether the key may send `identify`. Only when listed by name (`"*"` does not include it): an
   * identify merges an anonymous visitor's journey into a known customer's.
   */
  readonly identify: boolean;
  /** Browser origins (`scheme://host[:port]`) allowed to use the key; empty for server-side use only. */
  readonly corsOrigins: ReadonlySet<string>;
  /** Events per minute, also the burst size of the key's token bucket. */
  readonly ratePerMinute: number;
}

/**
 * Journey event types a key may send only when it lists them by name (`"*"` does not include them),
 * like `identify`: a consent answer decides whether a customer may be contacted at all.
 */
export const GRANTED_BY_NAME_ONLY: ReadonlySet<EventType> = new Set<EventType>(['consent_updated']);

/** Names a key lists beside `"*"` or a list of journey event types: identify and the named-only types. */
function isGrantedByName(type: string): boolean {
  return type === 'identify' || GRANTED_BY_NAME_ONLY.has(type as EventType);
}

export function grantsEventType(grant: ApiKeyGrant, type: EventType): boolean {
  if (GRANTED_BY_NAME_ONLY.has(type)) return grant.named.has(type);
  return grant.eventTypes === '*' || grant.eventTypes.has(type);
}

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** One entry of COLLECTOR_API_KEYS as configured. */
class ApiKeyGrantEntry {
  @IsString()
  id!: string;

  @Matches(/^[0-9a-f]{64}$/, {
    message: 'sha256 must be 64 lowercase hex digits (npm run collector:hash-key)',
  })
  sha256!: string;

  @IsArray()
  @ArrayUnique()
  @IsIn(['*', ...ALL_EVENT_TYPES, ...IDENTITY_EVENT_TYPES], {
    each: true,
    message: 'eventTypes must list event types of the contract (identify included), or "*"',
  })
  eventTypes!: string[];

  @IsArray()
  @ArrayUnique()
  @Matches(ORIGIN, { each: true, message: 'corsOrigins must be origins like https://shop.example (no path)' })
  corsOrigins: string[] = [];

  @IsInt()
  @Min(1)
  @Max(6_000_000)
  ratePerMinute!: number;
}

export type ApiKeyGrantsResult =
  | { readonly ok: true; readonly grants: readonly ApiKeyGrant[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Parses COLLECTOR_API_KEYS: a JSON array of `{ id, sha256, eventTypes, corsOrigins, ratePerMinute }`.
 * Reports every problem with the entry's position and field; never echoes a hash back.
 */
export function parseApiKeyGrants(json: string): ApiKeyGrantsResult {
  let plain: unknown;
  try {
    plain = JSON.parse(json);
  } catch {
    return { ok: false, problems: ['is not JSON'] };
  }
  if (!Array.isArray(plain) || plain.length === 0) {
    return { ok: false, problems: ['must be a non-empty JSON array of keys'] };
  }
  const problems: string[] = [];
  const entries = plain.map((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(`[${index}] must be an object`);
      return undefined;
    }
    const entry = plainToInstance(ApiKeyGrantEntry, item);
    const errors = validateSync(entry, { whitelist: true, forbidNonWhitelisted: true });
    problems.push(...errors.map((error) => `[${index}].${describe(error)}`));
    if (!isIdentifier(entry.id)) problems.push(`[${index}].id must be a short identifier such as shop-eu`);
    const journeyTypes = entry.eventTypes?.filter((type) => !isGrantedByName(type)) ?? [];
    if (journeyTypes.includes('*') && journeyTypes.length > 1) {
      problems.push(
        `[${index}].eventTypes is either ["*"] (and "identify", "consent_updated") or a list of event types`,
      );
    }
    return entry;
  });
  const valid = entries.filter((entry): entry is ApiKeyGrantEntry => entry !== undefined);
  problems.push(
    ...duplicates(
      valid.map((e) => e.id),
      'id',
    ),
    ...duplicates(
      valid.map((e) => e.sha256),
      'sha256',
    ),
  );
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, grants: valid.map(toGrant) };
}

function describe(error: ValidationError): string {
  return `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`;
}

function duplicates(values: readonly string[], field: string): string[] {
  return new Set(values).size < values.length ? [`two keys share one ${field}`] : [];
}

function toGrant(entry: ApiKeyGrantEntry): ApiKeyGrant {
  return {
    id: entry.id,
    sha256: Buffer.from(entry.sha256, 'hex'),
    eventTypes: entry.eventTypes.includes('*')
      ? '*'
      : new Set(entry.eventTypes.filter((type) => type !== 'identify') as EventType[]),
    named: new Set(
      entry.eventTypes.filter((type) => GRANTED_BY_NAME_ONLY.has(type as EventType)) as EventType[],
    ),
    identify: entry.eventTypes.includes('identify'),
    corsOrigins: new Set(entry.corsOrigins),
    ratePerMinute: entry.ratePerMinute,
  };
}
