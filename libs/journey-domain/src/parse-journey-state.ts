import { INCIDENT_KINDS, isEventType } from '@pipeline/contracts';
import { JOURNEY_STATE_VERSION, JourneyState } from './journey-state';

export type ParseStateResult = { ok: true; state: JourneyState } | { ok: false; message: string };

type Check = (value: unknown) => boolean;

const KAFKA_OFFSET = /^(?:0|[1-9]\d{0,19})$/;
const INCIDENT_KIND_SET = new Set<unknown>(INCIDENT_KINDS);

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

const tuple =
  (...checks: Check[]): Check =>
  (v) =>
    isList(v) && v.length === checks.length && checks.every((check, i) => check(v[i]));

const recordOf =
  (check: Check): Check =>
  (v) =>
    isPlainObject(v) && Object.values(v).every(check);

const isSpan: Check = (v) => isList(v) && tuple(isInstant, isInstant)(v) && Number(v[0]) <= Number(v[1]);

/** Checks for every field of the state; the key order is the canonical one. */
const FIELD_CHECKS: Readonly<Record<keyof JourneyState, Check>> = {
  sv: (v) => v === JOURNEY_STATE_VERSION,
  seen: isSpan,
  aw: isSpan,
  co: isSpan,
  re: isSpan,
  ad: isSpan,
  n: (v) =>
    isPlainObject(v) && Object.entries(v).every(([type, count]) => isEventType(type) && isCount(count)),
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
  rev: tuple(isCount, isInstant),
  sub: recordOf(tuple(orNull(isInstant), orNull(isInstant))),
  acq: recordOf(tuple(isCount, isText)),
  loy: isInstant,
  mrg: (v) => isList(v) && v.every(isText),
  wm: recordOf((v) => typeof v === 'string' && KAFKA_OFFSET.test(v)),
  ids: (v) => isList(v) && v.every(isText),
};

const REQUIRED: ReadonlySet<string> = new Set(['sv', 'seen', 'n']);

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
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(FIELD_CHECKS, key)) return { ok: false, message: `state has an unknown field ${key}` };
  }
  for (const [key, check] of Object.entries(FIELD_CHECKS)) {
    const field = value[key];
    if (field === undefined) {
      if (REQUIRED.has(key)) return { ok: false, message: `state lacks ${key}` };
      continue;
    }
    if (!check(field)) return { ok: false, message: `state field ${key} is malformed` };
  }
  return { ok: true, state: value as unknown as JourneyState };
}
