import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@pipeline/observability';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Kafka acknowledges in milliseconds when healthy; the top buckets catch buffer waits and retries. */
const SEND_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Stands for the API key of a request that presented none, or an unknown one. */
export const NO_KEY_ID = 'none';

/**
 * The collector's own Prometheus metrics, beside prom-client's process metrics on `GET /metrics`.
 * Label values are bounded: key ids come from COLLECTOR_API_KEYS, reasons from the collector's codes,
 * event types from the contract (an event is counted only once it was admitted).
 */
@Injectable()
export class CollectorMetrics {
  private readonly requests: Counter<'key_id' | 'status' | 'reason'>;
  private readonly accepted: Counter<'type'>;
  private readonly rejected: Counter<'reason'>;
  private readonly sendSeconds: Histogram<'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({
      name: 'collector_requests_total',
      help: 'Answered POST /v1/events and /v1/batch requests, by API key id (none when no known key), HTTP status and reason code.',
      labelNames: ['key_id', 'status', 'reason'],
      registers,
    });
    this.accepted = new Counter({
      name: 'collector_events_accepted_total',
      help: 'Events Kafka acknowledged, by event type.',
      labelNames: ['type'],
      registers,
    });
    this.rejected = new Counter({
      name: 'collector_events_rejected_total',
      help: 'Events of processed requests that were not accepted, by rejection code.',
      labelNames: ['reason'],
      registers,
    });
    this.sendSeconds = new Histogram({
      name: 'collector_kafka_send_duration_seconds',
      help: "From handing a request's admitted events to the producer until Kafka acknowledged (or the send failed for) the last of them; includes the linger.",
      labelNames: ['outcome'],
      buckets: SEND_SECONDS_BUCKETS,
      registers,
    });
  }

  /** One answered ingestion request. */
  requestAnswered(keyId: string, status: number, reason: string): void {
    this.requests.inc({ key_id: keyId, status: String(status), reason });
  }

  eventAccepted(type: string): void {
    this.accepted.inc({ type });
  }

  eventRejected(reason: string): void {
    this.rejected.inc({ reason });
  }

  /** Times one request's send; `failed` when some event could not be delivered. */
  startSend(): (failed: boolean) => void {
    const end = this.sendSeconds.startTimer();
    return (failed) => end({ outcome: failed ? 'failed' : 'acknowledged' });
  }
}
