import type { EventType } from '@pipeline/contracts';
import type { Producer, TopicMessages } from 'kafkajs';
import { BatchingSender } from './batching-sender';
import { BufferFullError } from './buffer-full.error';
import { resolveTuning, type JourneyTrackerOptions, type ResolvedTuning } from './journey-tracker.options';
import { prepareEvent, type PreparedEvent } from './prepare-event';
import { type IdentifyBatchInput, type IdentifyInput, prepareIdentify } from './prepare-identify';
import type {
  AnyTrackInput,
  ConsentInput,
  TrackBatchResult,
  TrackInput,
  TrackRejection,
  TrackResult,
} from './track-input';
import { TrackSendError } from './track-send.error';
import { TrackValidationError } from './track-validation.error';
import { TrackerClosedError } from './tracker-closed.error';
import { createTrackerProducer } from './tracker-producer.factory';

/**
 * Tracks customer journey events from a server-side storefront: validates each event against the v1
 * contract before anything is sent, keys it by customerId onto the topic of its journey stage, and
 * batches it through a bounded buffer to an idempotent Kafka producer. `track` resolves only once the
 * broker has acknowledged the event.
 *
 * @example
 * const tracker = new JourneyTracker({ brokers: ['kafka:9092'], clientId: 'shop-eu' });
 * await tracker.track({
 *   type: 'order_placed',
 *   customerId: 'cust-1042',
 *   properties: { orderId: 'o-9', amount: '59.90', currency: 'EUR' },
 * });
 * await tracker.close();
 */
export class JourneyTracker {
  private readonly tuning: ResolvedTuning;
  private readonly producer: Producer;
  private readonly sender: BatchingSender;
  private connecting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: JourneyTrackerOptions) {
    this.tuning = resolveTuning(options);
    this.producer = createTrackerProducer(options, options.logger);
    this.sender = new BatchingSender((events) => this.send(events), this.tuning);
  }

  /** Connects the producer now rather than on the first send. Optional. */
  async connect(): Promise<void> {
    await this.ensureConnected();
  }

  /**
   * Validates the event, buffers it and resolves once Kafka acknowledged it. Rejects with
   * TrackValidationError (nothing sent; `field` names the bad field), BufferFullError (the buffer
   * stayed full for `bufferTimeoutMs`), TrackSendError (retries spent) or TrackerClosedError.
   */
  async track<T extends EventType>(event: TrackInput<T>): Promise<TrackResult> {
    if (this.closing) throw new TrackerClosedError();
    const prepared = prepareEvent(event, new Date(), this.tuning.generateEventId);
    await this.sender.enqueue(prepared);
    return { eventId: prepared.eventId, topic: this.topicName(prepared.topic) };
  }

  /**
   * Tells the pipeline that the anonymous visitor `anonymousId` is the customer `customerId`: its
   * awareness and consideration history moves to the customer (see "Identify" in docs/processor.md).
   * Validated and acknowledged like `track`.
   */
  async identify(input: IdentifyInput): Promise<TrackResult> {
    if (this.closing) throw new TrackerClosedError();
    const prepared = prepareIdentify(input, new Date(), this.tuning.generateEventId);
    await this.sender.enqueue(prepared);
    return { eventId: prepared.eventId, topic: this.topicName(prepared.topic) };
  }

  /**
   * Records the customer's consent answer for one channel (`consent_updated` on the retention topic):
   * the journey keeps the latest answer per channel by `occurredAt`, so send the time the customer
   * answered. Validated and acknowledged like `track`.
   *
   * @example
   * await tracker.consent({
   *   customerId: 'cust-1042',
   *   properties: { channel: 'email', status: 'withdrawn', source: 'preference_centre' },
   * });
   */
  consent(input: ConsentInput): Promise<TrackResult> {
    return this.track({ ...input, type: 'consent_updated' });
  }

  /**
   * Tracks several events (identifies among them, tagged `type: 'identify'`), in order; the valid ones
   * are sent, and each gets its own result: accepted with its eventId, or rejected with a reason.
   * Never rejects as a whole.
   */
  async trackBatch(events: readonly (AnyTrackInput | IdentifyBatchInput)[]): Promise<TrackBatchResult[]> {
    return Promise.all(
      events.map((event, index) =>
        (event.type === 'identify' ? this.identify(event) : this.track(event)).then(
          ({ eventId, topic }): TrackBatchResult => ({ index, status: 'accepted', eventId, topic }),
          (error: unknown): TrackBatchResult => ({ index, status: 'rejected', reason: rejectionOf(error) }),
        ),
      ),
    );
  }

  /** Events taken in and not yet acknowledged or failed. */
  get pendingEvents(): number {
    return this.sender.size;
  }

  /** Sends everything buffered now and waits until each event tracked so far is acknowledged or failed. */
  async flush(): Promise<void> {
    await this.sender.flush();
  }

  /** Stops taking events, flushes, then disconnects. Later `track` calls reject. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.sender.flush();
    this.sender.dispose();
    if (this.connecting) await this.producer.disconnect();
  }

  private ensureConnected(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  private async send(events: readonly PreparedEvent[]): Promise<void> {
    await this.ensureConnected();
    await this.producer.sendBatch({ acks: -1, topicMessages: this.groupByTopic(events) });
  }

  private groupByTopic(events: readonly PreparedEvent[]): TopicMessages[] {
    const byTopic = new Map<string, TopicMessages['messages']>();
    for (const { topic, key, value } of events) {
      const physical = this.topicName(topic);
      const messages = byTopic.get(physical) ?? [];
      messages.push({ key, value });
      byTopic.set(physical, messages);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  private topicName(logical: string): string {
    return `${this.tuning.topicPrefix}${logical}`;
  }
}

function rejectionOf(error: unknown): TrackRejection {
  if (error instanceof TrackValidationError) return error.rejection;
  if (error instanceof BufferFullError) return { code: 'BUFFER_FULL', message: error.message };
  if (error instanceof TrackerClosedError) return { code: 'CLOSED', message: error.message };
  if (error instanceof TrackSendError) return { code: 'SEND_FAILED', message: error.message };
  return { code: 'SEND_FAILED', message: error instanceof Error ? error.message : String(error) };
}
