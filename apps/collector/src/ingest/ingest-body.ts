const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What a request body must look like: one envelope, or `{ "events": [...] }`. */
export type IngestShape = 'event' | 'batch';

export type IngestBody =
  | { readonly ok: true; readonly events: readonly unknown[] }
  | {
      readonly ok: false;
      readonly status: 400 | 413;
      readonly code: 'NOT_JSON' | 'NOT_AN_OBJECT' | 'INVALID_BATCH' | 'BATCH_TOO_LARGE';
      readonly message: string;
    };

/**
 * Reads the request body as JSON of the expected shape. Each event inside is left as it is: the
 * contract judges events one by one, so one bad event does not spoil a batch.
 */
export function parseIngestBody(raw: Buffer, shape: IngestShape, maxBatchEvents: number): IngestBody {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(raw));
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
  if (shape === 'event') return { ok: true, events: [value] };

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
  return { ok: true, events };
}
