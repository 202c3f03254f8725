import { BoundedBuffer } from './bounded-buffer';
import { BufferFullError } from './buffer-full.error';

interface Item {
  readonly name: string;
  readonly bytes: number;
}
const item = (name: string, bytes = 10): Item => ({ name, bytes });

describe(BoundedBuffer.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('queues at once while there is room', async () => {
    const buffer = new BoundedBuffer<Item>(2);
    await buffer.add(item('a'), 1_000);
    await buffer.add(item('b'), 1_000);
    expect(buffer.queued).toBe(2);
    expect(buffer.peek()?.name).toBe('a');
  });

  it('takes the oldest items, bounded by count and by bytes', async () => {
    const buffer = new BoundedBuffer<Item>(10);
    for (const [name, bytes] of [
      ['a', 40],
      ['b', 40],
      ['c', 40],
      ['d', 10],
    ] as const)
      await buffer.add(item(name, bytes), 0);
    expect(buffer.queuedBytes).toBe(130);
    expect(buffer.take(3, 100).map((i) => i.name)).toEqual(['a', 'b']);
    expect(buffer.queuedBytes).toBe(50);
    expect(buffer.take(1, 100).map((i) => i.name)).toEqual(['c']);
    expect(buffer.queued).toBe(1);
    expect(buffer.inFlight).toBe(3);
  });

  it('lets an item larger than the byte budget travel alone', async () => {
    const buffer = new BoundedBuffer<Item>(10);
    await buffer.add(item('huge', 500), 0);
    await buffer.add(item('small', 1), 0);
    expect(buffer.take(10, 100).map((i) => i.name)).toEqual(['huge']);
  });

  it('counts in-flight items against the capacity until they are released', async () => {
    const buffer = new BoundedBuffer<Item>(1);
    await buffer.add(item('a'), 0);
    buffer.take(10, 1_000);
    await expect(buffer.add(item('b'), 0)).rejects.toBeInstanceOf(BufferFullError);
    buffer.release(1);
    await expect(buffer.add(item('b'), 0)).resolves.toBeUndefined();
  });

  it('makes a caller wait for room and lets it in when an item is released', async () => {
    const buffer = new BoundedBuffer<Item>(1);
    await buffer.add(item('a'), 0);
    let admitted = false;
    const waiting = buffer.add(item('b'), 5_000).then(() => (admitted = true));
    buffer.take(1, 1_000);
    await Promise.resolve();
    expect(admitted).toBe(false);
    expect(buffer.waiting).toBe(1);
    buffer.release(1);
    await waiting;
    expect(buffer.peek()?.name).toBe('b');
  });

  it('rejects with BufferFullError when the wait times out, and forgets the waiter', async () => {
    const buffer = new BoundedBuffer<Item>(1);
    await buffer.add(item('a'), 0);
    const waiting = buffer.add(item('b'), 2_000);
    jest.advanceTimersByTime(2_000);
    await expect(waiting).rejects.toThrow('stayed full for 2000 ms');
    expect(buffer.waiting).toBe(0);
    buffer.take(1, 1_000);
    buffer.release(1);
    expect(buffer.queued).toBe(0);
  });

  it('lets waiters in first come, first served, and keeps newcomers behind them', async () => {
    const buffer = new BoundedBuffer<Item>(1);
    await buffer.add(item('a'), 0);
    const order: string[] = [];
    const b = buffer.add(item('b'), 5_000).then(() => order.push('b'));
    const c = buffer.add(item('c'), 5_000).then(() => order.push('c'));
    buffer.take(1, 1_000);
    buffer.release(1);
    expect(buffer.peek()?.name).toBe('b');
    await expect(buffer.add(item('d'), 0)).rejects.toBeInstanceOf(BufferFullError);
    buffer.take(1, 1_000);
    buffer.release(1);
    await Promise.all([b, c]);
    expect(order).toEqual(['b', 'c']);
  });

  it('refuses to release more than is in flight', () => {
    expect(() => new BoundedBuffer<Item>(1).release(1)).toThrow(RangeError);
  });
});
