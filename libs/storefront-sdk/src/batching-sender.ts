import { BoundedBuffer } from './bounded-buffer';
import type { ResolvedTuning } from './journey-tracker.options';
import type { PreparedEvent } from './prepare-event';
import { sendWithRetry } from './send-with-retry';

/** Sends one batch and resolves once the broker acknowledged all of it. */
export type SendBatch = (events: readonly PreparedEvent[]) => Promise<void>;

export type BatchingTuning = Pick<
  ResolvedTuning,
  'maxBufferedEvents' | 'bufferTimeoutMs' | 'lingerMs' | 'maxBatchSize' | 'maxBatchBytes' | 'retry'
>;

interface Pending {
  readonly event: PreparedEvent;
  readonly bytes: number;
  readonly enqueuedAt: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Batches events through a bounded buffer, one batch in flight at a time (so a customer's events stay
 * in order): a batch leaves when it is full (`maxBatchSize` or `maxBatchBytes`), when its oldest event
 * has waited `lingerMs`, or at once during `flush()`. A failed batch is resent as it was, with
 * backoff; every event's promise settles with its batch's fate.
 */
export class BatchingSender {
  private readonly buffer: BoundedBuffer<Pending>;
  private readonly outstanding = new Set<Promise<void>>();
  private pumping = false;
  private draining = 0;
  private lingerTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sendBatch: SendBatch,
    private readonly tuning: BatchingTuning,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.buffer = new BoundedBuffer<Pending>(tuning.maxBufferedEvents);
  }

  /** Events taken in and not yet settled. */
  get size(): number {
    return this.buffer.queued + this.buffer.inFlight + this.buffer.waiting;
  }

  /**
   * Buffers one event (waiting for room up to `bufferTimeoutMs`); resolves once the broker has
   * acknowledged it, rejects with BufferFullError or TrackSendError.
   */
  enqueue(event: PreparedEvent): Promise<void> {
    const delivered = new Promise<void>((resolve, reject) => {
      const pending: Pending = { event, bytes: event.bytes, enqueuedAt: this.now(), resolve, reject };
      this.buffer.add(pending, this.tuning.bufferTimeoutMs).then(() => void this.pump(), reject);
    });
    this.outstanding.add(delivered);
    const forget = (): void => void this.outstanding.delete(delivered);
    delivered.then(forget, forget);
    return delivered;
  }

  /** Sends whatever is buffered without lingering and waits until every event taken in so far settled. */
  async flush(): Promise<void> {
    const snapshot = [...this.outstanding];
    if (snapshot.length === 0) return;
    this.draining += 1;
    try {
      void this.pump();
      await Promise.allSettled(snapshot);
    } finally {
      this.draining -= 1;
    }
  }

  /** Stops the linger timer; call after the last flush. */
  dispose(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const delay = this.sendDelay();
        if (delay === undefined) return;
        if (delay > 0) {
          this.armLinger(delay);
          return;
        }
        await this.deliver(this.buffer.take(this.tuning.maxBatchSize, this.tuning.maxBatchBytes));
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Milliseconds until the next batch should leave, 0 for now, undefined when nothing is queued. */
  private sendDelay(): number | undefined {
    const oldest = this.buffer.peek();
    if (oldest === undefined) return undefined;
    const full =
      this.buffer.queued >= this.tuning.maxBatchSize ||
      this.buffer.queuedBytes >= this.tuning.maxBatchBytes ||
      this.buffer.waiting > 0;
    if (full || this.draining > 0) return 0;
    return Math.max(0, Math.ceil(oldest.enqueuedAt + this.tuning.lingerMs - this.now()));
  }

  private armLinger(delayMs: number): void {
    if (this.lingerTimer !== undefined) return;
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      void this.pump();
    }, delayMs);
  }

  private async deliver(batch: readonly Pending[]): Promise<void> {
    const events = batch.map((pending) => pending.event);
    try {
      await sendWithRetry(() => this.sendBatch(events), this.tuning.retry);
      for (const pending of batch) pending.resolve();
    } catch (error) {
      for (const pending of batch) pending.reject(error as Error);
    } finally {
      this.buffer.release(batch.length);
    }
  }
}
