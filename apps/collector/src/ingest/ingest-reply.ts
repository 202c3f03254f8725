import type { IngestShape } from './ingest-body';
import type { IngestOutcome } from './ingest-outcome';
import { isRetryable } from './event-result';

export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Seconds a client should wait before resending events Kafka did not take. */
const UNAVAILABLE_RETRY_AFTER_S = 1;

/**
 * The HTTP answer to an ingestion outcome.
 *
 * - `POST /v1/batch`: 202 with one result per event, whatever each result; 503 (with Retry-After)
 *   when some event could not be delivered for now (resending the whole batch is safe: eventIds are
 *   idempotency keys).
 * - `POST /v1/events`: 202 when accepted; otherwise the status of its one rejection: 403 for an event
 *   type outside the key's grant, 503 when it could not be delivered for now, else 400.
 */
export function ingestReply(outcome: IngestOutcome, shape: IngestShape): HttpReply {
  switch (outcome.kind) {
    case 'refused':
      return { status: outcome.status, headers: {}, body: { code: outcome.code, message: outcome.message } };
    case 'rate-limited':
      return {
        status: 429,
        headers: { 'Retry-After': String(outcome.retryAfterSeconds) },
        body: { code: 'RATE_LIMITED', message: outcome.message },
      };
    case 'processed': {
      const body = { results: outcome.results };
      if (outcome.results.some(isRetryable)) {
        return { status: 503, headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_S) }, body };
      }
      const [only] = outcome.results;
      if (shape === 'batch' || only?.status !== 'rejected') return { status: 202, headers: {}, body };
      return { status: only.reason.code === 'FORBIDDEN_EVENT_TYPE' ? 403 : 400, headers: {}, body };
    }
  }
}
