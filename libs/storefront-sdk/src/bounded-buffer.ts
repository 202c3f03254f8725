import { BufferFullError } from './buffer-full.error';

/** What the buffer holds, anything that knows its serialised size. */
export interface Sized {
  readonly bytes: number;
}

interface Waiter<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * A bounded FIFO of events on their way to Kafka. Capacity counts every event from the moment it is
 * taken in until it is settled (queued or in flight), so memory stays bounded however slow the broker.
 * When full, `add` waits in line (first come, first served, so order is kept) until room frees or its
 * timeout passes, then rejects with `BufferFullError`: nothing is ever dropped silently.
 */
export class BoundedBuffer<T extends Sized> {
  private readonly queue: T[] = [];
  private readonly waiters: Array<Waiter<T>> = [];
  private held = 0;
  private bytes = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`buffer capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** Events waiting to be sent. */
  get queued(): number {
    return this.queue.length;
  }

  /** Serialised size of the queued events. */
  get queuedBytes(): number {
    return this.bytes;
  }

  /** Events taken for sending and not yet settled. */
  get inFlight(): number {
    return this.held - this.queue.length;
  }

  /** Callers waiting for room. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** The oldest queued event. */
  peek(): T | undefined {
    return this.queue[0];
  }

  /**
   * Queues the item at once when there is room and nobody is waiting before it; otherwise waits up to
   * `timeoutMs`. The returned promise resolves once the item is queued.
   */
  add(item: T, timeoutMs: number): Promise<void> {
    if (this.waiters.length === 0 && this.held < this.capacity) {
      this.admit(item);
      return Promise.resolve();
    }
    if (timeoutMs <= 0) return Promise.reject(new BufferFullError(this.capacity, 0));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter<T> = {
        item,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new BufferFullError(this.capacity, timeoutMs));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /**
   * Moves the oldest queued items into flight: at most `maxItems`, and no more than `maxBytes` in all
   * unless a single item is larger (it then travels alone).
   */
  take(maxItems: number, maxBytes: number): T[] {
    let count = 0;
    let bytes = 0;
    for (const item of this.queue) {
      if (count >= maxItems || (count > 0 && bytes + item.bytes > maxBytes)) break;
      count += 1;
      bytes += item.bytes;
    }
    this.bytes -= bytes;
    return this.queue.splice(0, count);
  }

  /** Frees the room of `count` settled in-flight items and lets waiting callers in, in order. */
  release(count: number): void {
    if (!Number.isInteger(count) || count < 0 || count > this.inFlight) {
      throw new RangeError(`cannot release ${count} of ${this.inFlight} in-flight items`);
    }
    this.held -= count;
    while (this.waiters.length > 0 && this.held < this.capacity) {
      const waiter = this.waiters.shift()!;
      clearTimeout(waiter.timer);
      this.admit(waiter.item);
      waiter.resolve();
    }
  }

  private admit(item: T): void {
    this.queue.push(item);
    this.held += 1;
    this.bytes += item.bytes;
  }
}
