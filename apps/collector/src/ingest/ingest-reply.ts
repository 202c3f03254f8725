import type { IngestShape } from './ingest-body';
import type { IngestOutcome } from './ingest-outcome';
import { isRetryable } from './event-result';

export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /**
   * Why, in one code, for the request counter: the refusal's code, the one event's rejection code,
   * ACCEPTED, SOME_REJECTED (a batch answered 202 with rejected events) or the first undelivered
   * event's code (503).
   */
  readonly reason: string;
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
      return {
        status: outcome.status,
        headers: {},
        body: { code: outcome.code, message: outcome.message },
        reason: outcome.code,
      };
    case 'rate-limited':
      return {
        status: 429,
        headers: { 'Retry-After': String(outcome.retryAfterSeconds) },
        body: { code: 'RATE_LIMITED', message: outcome.message },
        reason: 'RATE_LIMITED',
      };
    case 'processed': {
      const body = { results: outcome.results };
      const undelivered = outcome.results.find(isRetryable);
      if (undelivered?.status === 'rejected') {
        return {
          status: 503,
          headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_S) },
          body,
          reason: undelivered.reason.code,
        };
      }
      const [only] = outcome.results;
      if (shape === 'batch' || only?.status !== 'rejected') {
        const all = outcome.results.every((result) => result.status === 'accepted');
        return { status: 202, headers: {}, body, reason: all ? 'ACCEPTED' : 'SOME_REJECTED' };
      }
      const status = only.reason.code === 'FORBIDDEN_EVENT_TYPE' ? 403 : 400;
      return { status, headers: {}, body, reason: only.reason.code };
    }
  }
}
