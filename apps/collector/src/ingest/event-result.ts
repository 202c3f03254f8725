import type { TrackRejection } from '@pipeline/storefront-sdk';

/**
 * Why one event was not accepted: a contract code (`INVALID_FIELD`, `UNKNOWN_EVENT_TYPE`, ...),
 * `FORBIDDEN_EVENT_TYPE` (outside the key's grant), or a delivery failure worth retrying
 * (`BUFFER_FULL`, `SEND_FAILED`, `CLOSED`).
 */
export interface EventRejection {
  readonly code: TrackRejection['code'] | 'FORBIDDEN_EVENT_TYPE';
  /** Dotted path of the offending field, when one field is to blame. */
  readonly field?: string;
  readonly message: string;
}

/** The outcome of one event, at its index in the request. */
export type EventResult =
  | { readonly index: number; readonly status: 'accepted'; readonly eventId: string }
  | { readonly index: number; readonly status: 'rejected'; readonly reason: EventRejection };

const RETRYABLE = new Set<EventRejection['code']>(['BUFFER_FULL', 'SEND_FAILED', 'CLOSED']);

/** Rejections where sending the same event again later can succeed. */
export function isRetryable(result: EventResult): boolean {
  return result.status === 'rejected' && RETRYABLE.has(result.reason.code);
}
