import type { EventResult } from './event-result';

/** What became of one ingestion request, before it is put into HTTP terms. */
export type IngestOutcome =
  | {
      readonly kind: 'refused';
      readonly status: 400 | 413;
      readonly code: string;
      readonly message: string;
    }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number; readonly message: string }
  | { readonly kind: 'processed'; readonly results: readonly EventResult[] };
