import { Inject, Injectable } from '@nestjs/common';
import { JourneyTracker, type AnyTrackInput, type IdentifyBatchInput } from '@pipeline/storefront-sdk';
import type { ApiKeyGrant } from '../api-keys/api-key-grant';
import { CollectorConfig } from '../collector.config';
import { CollectorMetrics } from '../metrics/collector.metrics';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { admitEvent } from './event-admission';
import { isRetryable, type EventResult } from './event-result';
import { parseIngestBody, type IngestShape } from './ingest-body';
import type { IngestOutcome } from './ingest-outcome';

export interface IngestRequest {
  readonly grant: ApiKeyGrant;
  readonly body: Buffer;
  readonly shape: IngestShape;
  readonly receivedAtMs: number;
}

/**
 * One use case: take a request's events in. The body must have the expected shape; the key's rate
 * is charged one token per event; each event is admitted or rejected on its own; the admitted ones
 * go to Kafka, and each result is known only once the broker acknowledged (or refused) the event.
 * Accepted events are counted by type, rejected ones by code, and each request's send is timed.
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(JourneyTracker) private readonly tracker: JourneyTracker,
    private readonly rateLimiter: RateLimiter,
    private readonly config: CollectorConfig,
    private readonly metrics: CollectorMetrics,
  ) {}

  async ingest({ grant, body, shape, receivedAtMs }: IngestRequest): Promise<IngestOutcome> {
    const parsed = parseIngestBody(body, shape, this.config.COLLECTOR_MAX_BATCH_EVENTS);
    if (!parsed.ok)
      return { kind: 'refused', status: parsed.status, code: parsed.code, message: parsed.message };

    const charged = this.rateLimiter.take(grant, parsed.events.length);
    if (!charged.ok) {
      if (charged.retryAfterMs === Number.POSITIVE_INFINITY) {
        return {
          kind: 'refused',
          status: 413,
          code: 'BATCH_TOO_LARGE',
          message: `this API key may send at most ${grant.ratePerMinute} events a minute; split the batch`,
        };
      }
      return {
        kind: 'rate-limited',
        retryAfterSeconds: Math.max(1, Math.ceil(charged.retryAfterMs / 1_000)),
        message: `this API key may send ${grant.ratePerMinute} events a minute`,
      };
    }

    const results: EventResult[] = new Array<EventResult>(parsed.events.length);
    const admitted: Array<{ index: number; envelope: AnyTrackInput | IdentifyBatchInput }> = [];
    parsed.events.forEach((raw, index) => {
      const unsafe = parsed.rejected.get(index);
      if (unsafe) {
        results[index] = { index, status: 'rejected', reason: unsafe };
        return;
      }
      const admission = admitEvent(raw, grant, receivedAtMs);
      if (admission.ok) admitted.push({ index, envelope: admission.envelope });
      else results[index] = { index, status: 'rejected', reason: admission.reason };
    });
    // Timed per request, from the handoff to the producer until Kafka answered for its last event.
    const sent = admitted.length > 0 ? this.metrics.startSend() : undefined;
    const delivered = await this.tracker.trackBatch(admitted.map((a) => a.envelope));
    delivered.forEach((outcome, i) => {
      const { index, envelope } = admitted[i];
      if (outcome.status === 'accepted') this.metrics.eventAccepted(envelope.type);
      results[index] =
        outcome.status === 'accepted'
          ? { index, status: 'accepted', eventId: outcome.eventId }
          : { index, status: 'rejected', reason: outcome.reason };
    });
    sent?.(results.some(isRetryable));
    for (const result of results)
      if (result.status === 'rejected') this.metrics.eventRejected(result.reason.code);
    return { kind: 'processed', results };
  }
}
