import { DeterministicFailure, TransientFailure, classifyFailure } from './failure-kind';
import { IsolationPlan, isolateFailures } from './isolate-failures';

/** A unit that applies numbers to a log, failing on the poison ones, like an idempotent writer. */
class FakeUnit {
  readonly applied: number[] = [];
  readonly quarantined: number[] = [];
  runs = 0;
  pauses = 0;

  constructor(private readonly fail: (items: readonly number[], run: number) => Error | undefined) {}

  plan(unknownAttempts = 3): IsolationPlan<number> {
    return {
      run: (items) => {
        this.runs += 1;
        const error = this.fail(items, this.runs);
        if (error !== undefined) return Promise.reject(error);
        for (const item of items) if (!this.applied.includes(item)) this.applied.push(item);
        return Promise.resolve();
      },
      quarantine: (item) => {
        this.quarantined.push(item);
        return Promise.resolve();
      },
      classify: classifyFailure,
      unknownAttempts,
      pause: () => {
        this.pauses += 1;
        return Promise.resolve();
      },
    };
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe(isolateFailures.name, () => {
  it('runs a healthy unit once', async () => {
    const unit = new FakeUnit(() => undefined);
    await isolateFailures(range(10), unit.plan());
    expect(unit.applied).toEqual(range(10));
    expect(unit.runs).toBe(1);
  });

  it('sets aside exactly the poison records and applies every other one, in order', async () => {
    const poison = new Set([3, 17, 18, 40]);
    const unit = new FakeUnit((items) =>
      items.some((item) => poison.has(item)) ? new DeterministicFailure('fold', new Error('bad')) : undefined,
    );
    await isolateFailures(range(50), unit.plan());
    expect(unit.quarantined).toEqual([3, 17, 18, 40]);
    expect(unit.applied).toEqual(range(50).filter((item) => !poison.has(item)));
    expect(unit.pauses).toBe(0);
  });

  it('never splits or skips on a transient failure: it is thrown for the transport to retry', async () => {
    const unit = new FakeUnit(() => new TransientFailure('redis away'));
    await expect(isolateFailures(range(8), unit.plan())).rejects.toThrow('redis away');
    expect(unit.quarantined).toEqual([]);
    expect(unit.runs).toBe(1);
  });

  it('retries an unknown failure on the whole unit before it splits, so a passing oddity is no poison', async () => {
    const unit = new FakeUnit((_items, run) => (run <= 2 ? new Error('ERR odd') : undefined));
    await isolateFailures(range(8), unit.plan(3));
    expect(unit.quarantined).toEqual([]);
    expect(unit.applied).toEqual(range(8));
    expect(unit.pauses).toBe(2);
  });

  it('splits after the unknown attempts and quarantines only the record that fails on its own', async () => {
    const unit = new FakeUnit((items) => (items.includes(5) ? new Error('ERR odd') : undefined));
    await isolateFailures(range(8), unit.plan(3));
    expect(unit.quarantined).toEqual([5]);
    expect(unit.applied).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(unit.pauses).toBe(2);
  });

  it('stops splitting when an outage starts half-way: the rest is retried as a whole later', async () => {
    const unit = new FakeUnit((items, run) => {
      if (run > 2) return new TransientFailure('broker away');
      return items.includes(1) ? new DeterministicFailure('fold', new Error('bad')) : undefined;
    });
    await expect(isolateFailures(range(4), unit.plan())).rejects.toThrow('broker away');
    expect(unit.quarantined).toEqual([]);
  });
});
