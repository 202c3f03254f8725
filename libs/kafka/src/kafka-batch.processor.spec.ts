import type { MessageHandler } from '@nestjs/microservices';
import type { EachBatchPayload, Offsets } from 'kafkajs';
import { GATHER_GROUP } from './gather-group';
import type { InboundBatch } from './inbound-batch';
import { KafkaBatchProcessor } from './kafka-batch.processor';

/**
 * The gathering logic on its own: which eachBatch calls become one handler call, when the next unit
 * may start, and what is committed. The payloads are in-memory stand-ins for kafkajs's (the
 * consumer's behaviour is covered against a real broker in test/kafka-batch-server.e2e-spec.ts).
 */
interface FakePayload {
  readonly payload: EachBatchPayload;
  readonly commits: Offsets[];
  readonly resolved: string[];
}

function fakePayload(topic: string, partition: number, offsets: readonly number[]): FakePayload {
  const commits: Offsets[] = [];
  const resolved: string[] = [];
  const messages = offsets.map((offset) => ({
    key: null,
    value: Buffer.from(`${topic}-${partition}-${offset}`),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: {},
  }));
  const batch = {
    topic,
    partition,
    highWatermark: String((offsets.at(-1) ?? 0) + 1),
    messages,
    firstOffset: () => messages[0]?.offset ?? null,
    lastOffset: () => messages.at(-1)?.offset ?? '0',
  };
  const payload = {
    batch,
    heartbeat: () => Promise.resolve(),
    isRunning: () => true,
    isStale: () => false,
    resolveOffset: (offset: string) => resolved.push(offset),
    commitOffsetsIfNecessary: (offsets?: Offsets) => {
      if (offsets) commits.push(offsets);
      return Promise.resolve();
    },
  } as unknown as EachBatchPayload;
  return { payload, commits, resolved };
}

/** A handler that records the batches of each call and waits until the test releases the call. */
function recordingHandler(group?: string): {
  handler: MessageHandler;
  calls: string[][];
  release: () => void;
  failNext: () => void;
} {
  const calls: string[][] = [];
  const waiting: Array<() => void> = [];
  let fail = false;
  const handler = ((batches: readonly InboundBatch[]) => {
    calls.push(batches.map((b) => `${b.topic}[${b.partition}]@${b.firstOffset}`));
    if (fail) {
      fail = false;
      return Promise.reject(new Error('store down'));
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  }) as unknown as MessageHandler;
  if (group) handler.extras = { [GATHER_GROUP]: group };
  return {
    handler,
    calls,
    release: () => waiting.splice(0).forEach((resolve) => resolve()),
    failNext: () => {
      fail = true;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function processorWith(handlers: Record<string, MessageHandler>): KafkaBatchProcessor {
  const silent = { log: () => undefined, error: () => undefined, warn: () => undefined };
  return new KafkaBatchProcessor({
    topicPrefix: '',
    retryBackoff: { initialMs: 1, maxMs: 2 },
    heartbeatIntervalMs: 1_000,
    logger: silent,
    stopSignal: new AbortController().signal,
    findHandler: (topic) => handlers[topic] ?? null,
  });
}

describe('KafkaBatchProcessor.gather', () => {
  it('hands the batches of one macrotask to their gather group together and commits them in one request', async () => {
    const stage = recordingHandler('stages');
    // Two distinct handler functions, as Nest registers one per pattern, sharing the group.
    const sibling: MessageHandler = Object.assign(
      (...args: Parameters<MessageHandler>) => stage.handler(...args),
      { extras: stage.handler.extras },
    );
    expect(sibling).not.toBe(stage.handler);
    const processor = processorWith({ a: stage.handler, b: sibling });
    const a0 = fakePayload('a', 0, [5, 6]);
    const a1 = fakePayload('a', 1, [9]);
    const b0 = fakePayload('b', 0, [1, 2, 3]);

    const done = Promise.all([a0, a1, b0].map((p) => processor.gather(p.payload)));
    await settle();
    expect(stage.calls).toEqual([['a[0]@5', 'a[1]@9', 'b[0]@1']]);
    expect(a0.commits).toEqual([]);
    stage.release();
    await done;

    // One OffsetCommit for every partition of the unit, through the first payload.
    expect(a0.commits).toEqual([
      {
        topics: [
          {
            topic: 'a',
            partitions: [
              { partition: 0, offset: '7' },
              { partition: 1, offset: '10' },
            ],
          },
          { topic: 'b', partitions: [{ partition: 0, offset: '4' }] },
        ],
      },
    ]);
    expect([a0.resolved, a1.resolved, b0.resolved]).toEqual([['6'], ['9'], ['3']]);
  });

  it('runs one unit per group at a time: calls arriving meanwhile wait and form the next unit', async () => {
    const stage = recordingHandler('stages');
    const processor = processorWith({ a: stage.handler });
    const first = processor.gather(fakePayload('a', 0, [0]).payload);
    await settle();
    const later = [fakePayload('a', 1, [0]), fakePayload('a', 0, [1])];
    const second = Promise.all(later.map((p) => processor.gather(p.payload)));
    await settle();
    await settle();
    expect(stage.calls).toEqual([['a[0]@0']]);

    stage.release();
    await first;
    await settle();
    expect(stage.calls).toEqual([['a[0]@0'], ['a[1]@0', 'a[0]@1']]);
    stage.release();
    await second;
    expect(later.map((p) => p.resolved)).toEqual([['0'], ['1']]);
  });

  it('keeps handlers without a shared group apart, and retries a failed unit whole before committing', async () => {
    const orders = recordingHandler();
    const other = recordingHandler();
    const processor = processorWith({ orders: orders.handler, other: other.handler });
    orders.failNext();
    const o0 = fakePayload('orders', 0, [3]);
    const o1 = fakePayload('orders', 1, [8]);
    const x0 = fakePayload('other', 0, [0]);
    const done = Promise.all([o0, o1, x0].map((p) => processor.gather(p.payload)));

    for (let i = 0; i < 50 && orders.calls.length < 2; i += 1) await new Promise((r) => setTimeout(r, 2));
    expect(orders.calls).toEqual([
      ['orders[0]@3', 'orders[1]@8'],
      ['orders[0]@3', 'orders[1]@8'],
    ]);
    expect(other.calls).toEqual([['other[0]@0']]);
    expect(o0.commits).toEqual([]);
    orders.release();
    other.release();
    await done;
    expect(o0.commits).toHaveLength(1);
    expect(x0.commits).toHaveLength(1);
  });
});
