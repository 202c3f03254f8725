import {
  DeterministicFailure,
  TransientFailure,
  classifyFailure,
  errorClass,
  errorMessage,
} from './failure-kind';

/** An error shaped like kafkajs's, without importing kafkajs into pure tests. */
function kafkaError(name: string, props: Record<string, unknown> = {}, cause?: unknown): Error {
  const error = new Error(`${name} happened`, cause === undefined ? undefined : { cause });
  error.name = name;
  return Object.assign(error, props);
}

describe(classifyFailure.name, () => {
  it('treats a record the broker refuses for good as deterministic, however kafkajs wraps it', () => {
    const tooLarge = kafkaError('KafkaJSProtocolError', { type: 'MESSAGE_TOO_LARGE', retriable: false });
    expect(classifyFailure(tooLarge)).toBe('deterministic');
    expect(classifyFailure(kafkaError('KafkaJSNonRetriableError', {}, tooLarge))).toBe('deterministic');
  });

  it('treats every other kafkajs failure as transient: the cluster, not a record', () => {
    expect(classifyFailure(kafkaError('KafkaJSConnectionError'))).toBe('transient');
    expect(classifyFailure(kafkaError('KafkaJSNumberOfRetriesExceeded'))).toBe('transient');
    const leader = kafkaError('KafkaJSProtocolError', { type: 'NOT_LEADER_FOR_PARTITION', retriable: true });
    expect(classifyFailure(leader)).toBe('transient');
  });

  it('treats Redis being away or busy as transient', () => {
    expect(classifyFailure(kafkaError('MaxRetriesPerRequestError'))).toBe('transient');
    expect(classifyFailure(new Error('Connection is closed.'))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe('transient');
    expect(classifyFailure(new Error('LOADING Redis is loading the dataset in memory'))).toBe('transient');
    expect(classifyFailure(new Error('OOM command not allowed when used memory > maxmemory'))).toBe(
      'transient',
    );
  });

  it('treats what pure code throws as deterministic, and says so when wrapped', () => {
    expect(classifyFailure(new RangeError('minor units exceed 2^53'))).toBe('deterministic');
    expect(classifyFailure(new TypeError('x is undefined'))).toBe('deterministic');
    expect(classifyFailure(new DeterministicFailure('fold', new Error('anything')))).toBe('deterministic');
  });

  it('lets an explicit kind win over the cause it carries', () => {
    expect(classifyFailure(new TransientFailure('race', { cause: new RangeError('x') }))).toBe('transient');
  });

  it('calls anything else unknown', () => {
    expect(classifyFailure(new Error('ERR Error running script'))).toBe('unknown');
    expect(classifyFailure('a string')).toBe('unknown');
    expect(classifyFailure(undefined)).toBe('unknown');
  });

  it('names the class and message of the error a DeterministicFailure wraps', () => {
    const failure = new DeterministicFailure('derive', new RangeError('too big'));
    expect(errorClass(failure)).toBe('RangeError');
    expect(errorMessage(failure)).toBe('too big');
    expect(failure.message).toBe('derive: too big');
  });
});
