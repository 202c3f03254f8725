import { resolveTuning } from './journey-tracker.options';

describe(resolveTuning.name, () => {
  it('applies the documented defaults', () => {
    expect(resolveTuning({})).toMatchObject({
      topicPrefix: '',
      maxBufferedEvents: 10_000,
      bufferTimeoutMs: 10_000,
      lingerMs: 50,
      maxBatchSize: 500,
      maxBatchBytes: 524_288,
      retry: { retries: 5, initialBackoffMs: 200, maxBackoffMs: 5_000 },
    });
  });

  it('merges a partial retry policy over the defaults', () => {
    expect(resolveTuning({ retry: { retries: 1 } }).retry).toEqual({
      retries: 1,
      initialBackoffMs: 200,
      maxBackoffMs: 5_000,
    });
  });

  it.each([
    [{ maxBufferedEvents: 0 }, 'maxBufferedEvents'],
    [{ lingerMs: -1 }, 'lingerMs'],
    [{ maxBatchSize: 1.5 }, 'maxBatchSize'],
    [{ retry: { initialBackoffMs: 0 } }, 'retry.initialBackoffMs'],
    [{ topicPrefix: 'bad prefix' }, 'topicPrefix'],
  ])('names the unusable option in %p', (options, name) => {
    expect(() => resolveTuning(options)).toThrow(name);
  });
});
