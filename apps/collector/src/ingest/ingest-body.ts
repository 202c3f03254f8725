import { duplicateKeyRejection, findDuplicateKeys, type Rejection } from '@pipeline/contracts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What a request body must look like: one envelope, or `{ "events": [...] }`. */
export type IngestShape = 'event' | 'batch';

export type IngestBody =
  | {
      readonly ok: true;
      readonly events: readonly unknown[];
      /**
       * Events already rejected by index: a key twice in one object, which JSON.parse hid by keeping
       * the last value, so the contract parser could not see it in `events`.
       */
      readonly rejected: ReadonlyMap<number, Rejection>;
    }
  | {
      readonly ok: false;
      readonly status: 400 | 413;
      readonly code: 'NOT_JSON' | 'NOT_AN_OBJECT' | 'INVALID_BATCH' | 'BATCH_TOO_LARGE';
      readonly message: string;
    };

/**
 * Reads the request body as JSON of the expected shape. Each event inside is left as it is: the
 * contract judges events one by one, so one bad event does not spoil a batch. An event with a key
 * twice in one object is rejected here, from the raw text, as the contract parser would reject it.
 */
export function parseIngestBody(raw: Buffer, shape: IngestShape, maxBatchEvents: number): IngestBody {
  let value: unknown;
  let text: string;
  try {
    text = utf8.decode(raw);
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      status: 400,
      code: 'NOT_JSON',
      message: `the body is not UTF-8 JSON: ${(error as Error).message}`,
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, status: 400, code: 'NOT_AN_OBJECT', message: 'the body must be a JSON object' };
  }
  if (shape === 'event') {
    const [duplicate] = findDuplicateKeys(text);
    const rejected = new Map<number, Rejection>();
    if (duplicate) rejected.set(0, duplicateKeyRejection(duplicate));
    return { ok: true, events: [value], rejected };
  }

  const keys = Object.keys(value);
  const events = (value as { events?: unknown }).events;
  if (!Array.isArray(events) || keys.length !== 1) {
    return {
      ok: false,
      status: 400,
      code: 'INVALID_BATCH',
      message: 'the body must be { "events": [ ... ] }',
    };
  }
  if (events.length === 0) {
    return { ok: false, status: 400, code: 'INVALID_BATCH', message: 'events must hold at least one event' };
  }
  if (events.length > maxBatchEvents) {
    return {
      ok: false,
      status: 413,
      code: 'BATCH_TOO_LARGE',
      message: `a batch holds at most ${maxBatchEvents} events, this one ${events.length}`,
    };
  }
  return duplicatesByEvent(text, events);
}

/**
 * The first duplicate key of each event of a batch, relative to the event; a key twice at the top
 * of the body (`events` itself) refuses the whole body, since which list counts is ambiguous.
 */
function duplicatesByEvent(text: string, events: readonly unknown[]): IngestBody {
  const rejected = new Map<number, Rejection>();
  for (const { path, key } of findDuplicateKeys(text, Number.POSITIVE_INFINITY)) {
    const [, index, ...inEvent] = path;
    if (typeof index !== 'number') {
      return {
        ok: false,
        status: 400,
        code: 'INVALID_BATCH',
        message: `key ${JSON.stringify(key).slice(0, 64)} appears more than once in the body`,
      };
    }
    if (!rejected.has(index)) rejected.set(index, duplicateKeyRejection({ path: inEvent, key }));
  }
  return { ok: true, events, rejected };
}
