import {
  AudienceFilter,
  CHURN_BANDS,
  CLV_SEGMENTS,
  CONSENT_CHANNELS,
  JOURNEY_STAGES,
  isIdentifier,
  parseIsoTimestamp,
  signedMinor,
} from '@pipeline/contracts';

/** The query string of the audience endpoints, as Express hands it over. */
export type AudienceQueryParams = Readonly<Record<string, unknown>>;

export interface AudienceQuery {
  readonly filter: AudienceFilter;
  readonly cursor: string | null;
  readonly limit: number;
}

export type AudienceQueryResult = { ok: true; query: AudienceQuery } | { ok: false; message: string };

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const KNOWN = new Set([
  'churnBand',
  'clvSegment',
  'stage',
  'minClv',
  'maxClv',
  'lastSeenAfter',
  'lastSeenBefore',
  'consent',
  'cursor',
  'limit',
]);

class QueryError extends Error {}

/** A list parameter: repeated (`?stage=a&stage=b`) or comma-separated (`?stage=a,b`). */
function listOf<T extends string>(
  params: AudienceQueryParams,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const raw = params[name];
  if (raw === undefined) return undefined;
  const given: readonly unknown[] = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const parts = given.flatMap((v): unknown[] => (typeof v === 'string' ? v.split(',') : [v]));
  const values = [...new Set(parts)];
  for (const value of values) {
    if (!(allowed as readonly unknown[]).includes(value)) {
      throw new QueryError(`${name} must be one or more of ${allowed.join(', ')}`);
    }
  }
  return values as T[];
}

function single(params: AudienceQueryParams, name: string): string | undefined {
  const raw = params[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new QueryError(`${name} must be given once`);
  return raw;
}

function instant(params: AudienceQueryParams, name: string): number | undefined {
  const raw = single(params, name);
  if (raw === undefined) return undefined;
  const parsed = parseIsoTimestamp(raw);
  if (!parsed.ok) throw new QueryError(`${name} must be an ISO-8601 timestamp with an offset`);
  return parsed.epochMs;
}

function money(params: AudienceQueryParams, name: string, currency: string): number | undefined {
  const raw = single(params, name);
  if (raw === undefined) return undefined;
  try {
    return signedMinor(raw, currency);
  } catch {
    throw new QueryError(`${name} must be a decimal amount of ${currency} in major units, e.g. 120.50`);
  }
}

/** The opaque cursor of a walk: the last customerId examined, base64url. */
export function encodeCursor(customerId: string): string {
  return Buffer.from(customerId, 'utf8').toString('base64url');
}

function cursorOf(params: AudienceQueryParams): string | null {
  const raw = single(params, 'cursor');
  if (raw === undefined) return null;
  const id = Buffer.from(raw, 'base64url').toString('utf8');
  if (!isIdentifier(id) || encodeCursor(id) !== raw) throw new QueryError('cursor is not one this API gave');
  return id;
}

/**
 * Reads the filters, cursor and page size of `GET /audiences/customers` and `/audiences/counts`.
 * CLV bounds are in the pipeline currency (major units); unknown parameters are refused rather than
 * ignored, so a misspelt filter never widens an audience silently.
 */
export function parseAudienceQuery(params: AudienceQueryParams, currency: string): AudienceQueryResult {
  try {
    for (const name of Object.keys(params)) {
      if (!KNOWN.has(name)) throw new QueryError(`unknown parameter ${name}`);
    }
    const limitText = single(params, 'limit');
    const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new QueryError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    }
    const entries: Array<[keyof AudienceFilter, unknown]> = [
      ['churnBands', listOf(params, 'churnBand', CHURN_BANDS)],
      ['clvSegments', listOf(params, 'clvSegment', CLV_SEGMENTS)],
      ['stages', listOf(params, 'stage', JOURNEY_STAGES)],
      ['minClvMinor', money(params, 'minClv', currency)],
      ['maxClvMinor', money(params, 'maxClv', currency)],
      ['lastSeenAfter', instant(params, 'lastSeenAfter')],
      ['lastSeenBefore', instant(params, 'lastSeenBefore')],
      ['consent', listOf(params, 'consent', CONSENT_CHANNELS)],
    ];
    const filter = Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as AudienceFilter;
    return { ok: true, query: { filter, cursor: cursorOf(params), limit } };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, message: error.message };
    throw error;
  }
}
