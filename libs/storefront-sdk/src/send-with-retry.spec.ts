import { isRetriable, sendWithRetry } from './send-with-retry';
import { TrackSendError } from './track-send.error';

class FakeKafkaError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
  }
}

function retriesExceeded(cause: Error): Error {
  const error = new Error(cause.message, { cause });
  error.name = 'KafkaJSNumberOfRetriesExceeded';
  return error;
}

const policy = { retries: 3, initialBackoffMs: 100, maxBackoffMs: 1_000 };

describe(sendWithRetry.name, () => {
  it('retries a transient failure with growing delays until the send succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    await sendWithRetry(
      () => {
        calls += 1;
        return calls < 3 ? Promise.reject(new FakeKafkaError('leader moved', true)) : Promise.resolve();
      },
      policy,
      { sleep: (ms) => Promise.resolve(delays.push(ms)), random: () => 1 },
    );
    expect(calls).toBe(3);
    expect(delays).toEqual([100, 200]);
  });

  it('gives up after the configured retries with the last error as the cause', async () => {
    const failure = new FakeKafkaError('broker down', true);
    let calls = 0;
    const sending = sendWithRetry(
      () => {
        calls += 1;
        return Promise.reject(failure);
      },
      policy,
      { sleep: () => Promise.resolve() },
    );
    await expect(sending).rejects.toBeInstanceOf(TrackSendError);
    await expect(sending).rejects.toMatchObject({ attempts: 4, cause: failure });
    expect(calls).toBe(4);
  });

  it('does not retry what no retry can fix', async () => {
    let calls = 0;
    const sending = sendWithRetry(
      () => {
        calls += 1;
        return Promise.reject(new FakeKafkaError('TOPIC_AUTHORIZATION_FAILED', false));
      },
      policy,
      { sleep: () => Promise.resolve() },
    );
    await expect(sending).rejects.toMatchObject({ attempts: 1 });
    expect(calls).toBe(1);
  });
});

describe(isRetriable.name, () => {
  it('judges kafkajs retry exhaustion by its cause', () => {
    expect(isRetriable(retriesExceeded(new FakeKafkaError('connection refused', true)))).toBe(true);
    expect(isRetriable(retriesExceeded(new FakeKafkaError('message too large', false)))).toBe(false);
  });

  it('retries errors that do not say', () => {
    expect(isRetriable(new Error('socket hang up'))).toBe(true);
    expect(isRetriable('weird')).toBe(true);
  });
});
