import { BatchingSender, type BatchingTuning } from './batching-sender';
import { BufferFullError } from './buffer-full.error';
import type { PreparedEvent } from './prepare-event';
import { TrackSendError } from './track-send.error';

const tuning: BatchingTuning = {
  maxBufferedEvents: 100,
  bufferTimeoutMs: 1_000,
  lingerMs: 60_000,
  maxBatchSize: 3,
  maxBatchBytes: 1_000_000,
  retry: { retries: 2, initialBackoffMs: 1, maxBackoffMs: 2 },
};

function event(eventId: string, bytes = 10): PreparedEvent {
  return { eventId, topic: 'journey.conversion.v1', key: 'c-1', value: '{}', bytes };
}

/** A broker stand-in: records each batch; `hold` keeps sends pending until `acknowledge`. */
class FakeBroker {
  readonly batches: string[][] = [];
  failuresLeft = 0;
  hold = false;
  private waiting: Array<() => void> = [];

  readonly send = (events: readonly PreparedEvent[]): Promise<void> => {
    this.batches.push(events.map((e) => e.eventId));
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      return Promise.reject(new Error('broker unavailable'));
    }
    return this.hold ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  };

  acknowledge(): void {
    this.hold = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe(BatchingSender.name, () => {
  it('sends a full batch at once, without waiting for the linger time', async () => {
    const broker = new FakeBroker();
    const sender = new BatchingSender(broker.send, tuning);
    await Promise.all(['a', 'b', 'c'].map((id) => sender.enqueue(event(id))));
    expect(broker.batches).toEqual([['a', 'b', 'c']]);
  });

  it('sends a partial batch once its oldest event has lingered', async () => {
    const broker = new FakeBroker();
    const sender = new BatchingSender(broker.send, { ...tuning, lingerMs: 20 });
    const started = Date.now();
    await Promise.all([sender.enqueue(event('a')), sender.enqueue(event('b'))]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(broker.batches).toEqual([['a', 'b']]);
  });

  it('closes a batch when the next event would exceed the byte budget', async () => {
    const broker = new FakeBroker();
    const sender = new BatchingSender(broker.send, { ...tuning, maxBatchBytes: 25 });
    const sent = [sender.enqueue(event('a')), sender.enqueue(event('b')), sender.enqueue(event('c'))];
    await sender.flush();
    await Promise.all(sent);
    expect(broker.batches).toEqual([['a', 'b'], ['c']]);
  });

  it('resolves an event only once its batch is acknowledged', async () => {
    const broker = new FakeBroker();
    broker.hold = true;
    const sender = new BatchingSender(broker.send, tuning);
    let acknowledged = false;
    const sent = Promise.all(['a', 'b', 'c'].map((id) => sender.enqueue(event(id)))).then(
      () => (acknowledged = true),
    );
    await settle();
    expect(broker.batches).toHaveLength(1);
    expect(acknowledged).toBe(false);
    broker.acknowledge();
    await sent;
    expect(acknowledged).toBe(true);
  });

  it('resends a failed batch as it was, in order, until it is acknowledged', async () => {
    const broker = new FakeBroker();
    broker.failuresLeft = 2;
    const sender = new BatchingSender(broker.send, tuning);
    await Promise.all(['a', 'b', 'c'].map((id) => sender.enqueue(event(id))));
    expect(broker.batches).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });

  it('rejects every event of a batch whose retries are spent, and goes on with the next', async () => {
    const broker = new FakeBroker();
    broker.failuresLeft = 3;
    const sender = new BatchingSender(broker.send, tuning);
    const failed = ['a', 'b', 'c'].map((id) => sender.enqueue(event(id)));
    for (const sending of failed) await expect(sending).rejects.toBeInstanceOf(TrackSendError);
    await expect(Promise.all(['d', 'e', 'f'].map((id) => sender.enqueue(event(id))))).resolves.toBeDefined();
    expect(sender.size).toBe(0);
  });

  it('makes callers wait while the buffer is full, then rejects with BufferFullError', async () => {
    const broker = new FakeBroker();
    broker.hold = true;
    const sender = new BatchingSender(broker.send, {
      ...tuning,
      maxBufferedEvents: 3,
      bufferTimeoutMs: 30,
    });
    const first = ['a', 'b', 'c'].map((id) => sender.enqueue(event(id)));
    await expect(sender.enqueue(event('d'))).rejects.toBeInstanceOf(BufferFullError);
    broker.acknowledge();
    await Promise.all(first);
  });

  it('lets a waiting caller in as soon as a batch is acknowledged', async () => {
    const broker = new FakeBroker();
    broker.hold = true;
    const sender = new BatchingSender(broker.send, { ...tuning, maxBufferedEvents: 3 });
    const first = ['a', 'b', 'c'].map((id) => sender.enqueue(event(id)));
    const late = sender.enqueue(event('d'));
    await settle();
    broker.acknowledge();
    await Promise.all([...first, sender.flush(), late]);
    expect(broker.batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('flush sends what lingers and waits for every event taken in', async () => {
    const broker = new FakeBroker();
    const sender = new BatchingSender(broker.send, tuning);
    const sent = sender.enqueue(event('a'));
    await sender.flush();
    expect(broker.batches).toEqual([['a']]);
    await expect(sent).resolves.toBeUndefined();
    expect(sender.size).toBe(0);
    sender.dispose();
  });
});
