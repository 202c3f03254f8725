import { CONSENT_CHANNELS, CONSENT_STATUSES, INCIDENT_KINDS, isEventType } from '@pipeline/contracts';
import { JOURNEY_STATE_VERSION, JourneyState } from './journey-state';

export type ParseStateResult = { ok: true; state: JourneyState } | { ok: false; message: string };

type Check = (value: unknown) => boolean;

const KAFKA_OFFSET = /^(?:0|[1-9]\d{0,19})$/;
const INCIDENT_KIND_SET = new Set<unknown>(INCIDENT_KINDS);
const CONSENT_CHANNEL_SET = new Set<unknown>(CONSENT_CHANNELS);
const CONSENT_STATUS_SET = new Set<unknown>(CONSENT_STATUSES);

const isInstant: Check = (v) => Number.isSafeInteger(v);
const isCount: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const isText: Check = (v) => typeof v === 'string' && v.length > 0;
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

// Every stored state is checked once per batch that touches it, so the checks below loop by hand
// rather than build entry arrays and per-call closures, and the field table is read once.

const tuple =
  (...checks: Check[]): Check =>
  (v) => {
    if (!isList(v) || v.length !== checks.length) return false;
    for (let i = 0; i < checks.length; i += 1) if (!checks[i](v[i])) return false;
    return true;
  };

/** Whether every own value of `v` passes `check`, as `Object.values(v).every(check)` without the array. */
function everyOwnValue(v: Record<string, unknown>, check: Check): boolean {
  for (const key in v) if (Object.hasOwn(v, key) && !check(v[key])) return false;
  return true;
}

const recordOf =
  (check: Check): Check =>
  (v) =>
    isPlainObject(v) && everyOwnValue(v, check);

const isSpan: Check = (v) =>
  isList(v) && v.length === 2 && isInstant(v[0]) && isInstant(v[1]) && Number(v[0]) <= Number(v[1]);

/** Event counts: every key an event type, every value a count. */
function isCountsByType(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  for (const type in v) if (Object.hasOwn(v, type) && !(isEventType(type) && isCount(v[type]))) return false;
  return true;
}

/** Checks for every field of the state; the key order is the canonical one. */
const FIELD_CHECKS: Readonly<Record<keyof JourneyState, Check>> = {
  sv: (v) => v === JOURNEY_STATE_VERSION,
  seen: isSpan,
  aw: isSpan,
  co: isSpan,
  re: isSpan,
  ad: isSpan,
  n: isCountsByType,
  ch: (v) => isList(v) && v.every(isText),
  ord: recordOf(tuple(isInstant, isCount, isText)),
  cxl: recordOf(isInstant),
  ref: recordOf(tuple(isText, isInstant, isCount, isText)),
  inc: recordOf(
    tuple(
      orNull((v) => INCIDENT_KIND_SET.has(v)),
      orNull(isInstant),
      orNull(isInstant),
    ),
  ),
  nps: tuple(isInstant, (v) => isCount(v) && (v as number) <= 10, isText),
  cns: (v) =>
    isPlainObject(v) &&
    Object.keys(v).every((channel) => CONSENT_CHANNEL_SET.has(channel)) &&
    everyOwnValue(
      v,
      tuple(isInstant, (s) => CONSENT_STATUS_SET.has(s), isText, isText),
    ),
  rev: tuple(isCount, isInstant),
  sub: recordOf(tuple(orNull(isInstant), orNull(isInstant))),
  acq: recordOf(tuple(isCount, isText)),
  loy: isInstant,
  mrg: (v) => isList(v) && v.every(isText),
  wm: recordOf((v) => typeof v === 'string' && KAFKA_OFFSET.test(v)),
  ids: (v) => isList(v) && v.every(isText),
};

const REQUIRED: ReadonlySet<string> = new Set(['sv', 'seen', 'n']);

/** The field checks in canonical order, listed once rather than on every parse. */
const FIELD_CHECK_LIST: ReadonlyArray<readonly [key: string, check: Check, required: boolean]> =
  Object.entries(FIELD_CHECKS).map(([key, check]) => [key, check, REQUIRED.has(key)]);

const CHECK_BY_FIELD: ReadonlyMap<string, Check> = new Map(Object.entries(FIELD_CHECKS));

/**
 * The common case, a well-formed state read back with JSON.parse, in one pass over the fields it
 * has. States come in hundreds of shapes, so reading twenty fields by name is a slow lookup each
 * time; a for-in pass reads each field present by its slot. True only when every field is known and
 * well formed and the required ones are there; anything else, including an object that is not plain
 * JSON data, is left to {@link firstProblem}, whose verdict is the one returned.
 */
function isWellFormed(value: Record<string, unknown>): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  let required = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    const check = CHECK_BY_FIELD.get(key);
    const field = value[key];
    if (check === undefined || field === undefined || !check(field)) return false;
    if (REQUIRED.has(key)) required += 1;
  }
  return required === REQUIRED.size;
}

/**
 * The first problem of a state, unknown fields first, then the fields in canonical order; undefined
 * when there is none.
 */
function firstProblem(value: Record<string, unknown>): string | undefined {
  for (const key in value) {
    if (Object.hasOwn(value, key) && !Object.hasOwn(FIELD_CHECKS, key)) {
      return `state has an unknown field ${key}`;
    }
  }
  for (const [key, check, required] of FIELD_CHECK_LIST) {
    const field = value[key];
    if (field === undefined) {
      if (required) return `state lacks ${key}`;
      continue;
    }
    if (!check(field)) return `state field ${key} is malformed`;
  }
  return undefined;
}

/**
 * Checks a stored state read back as JSON. A state written by another layout version or damaged in
 * storage comes back as a message naming the field, never as a half-trusted object.
 */
export function parseJourneyState(value: unknown): ParseStateResult {
  if (!isPlainObject(value)) return { ok: false, message: 'state must be a JSON object' };
  if (value.sv !== JOURNEY_STATE_VERSION) {
    return {
      ok: false,
      message: `state version must be ${JOURNEY_STATE_VERSION}, got ${JSON.stringify(value.sv)}`,
    };
  }
  const problem = isWellFormed(value) ? undefined : firstProblem(value);
  if (problem !== undefined) return { ok: false, message: problem };
  return { ok: true, state: value as unknown as JourneyState };
}
