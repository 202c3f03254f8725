import type { IncomingMessage } from 'node:http';
import type { ApiKeyGrant } from '../api-keys/api-key-grant';

/** What the collector learns about a request on its way to the handler. */
export interface CollectorContext {
  /** Arrival time by the collector's clock, epoch milliseconds. */
  readonly receivedAtMs: number;
  /** Set by ApiKeyGuard. */
  grant?: ApiKeyGrant;
  /** Set by RequestBodyInterceptor. */
  body?: Buffer;
}

export type CollectorRequest = IncomingMessage & { collectorContext?: CollectorContext };

export function collectorContext(request: CollectorRequest): CollectorContext {
  if (!request.collectorContext) throw new Error('ArrivalMiddleware did not run for this route');
  return request.collectorContext;
}
