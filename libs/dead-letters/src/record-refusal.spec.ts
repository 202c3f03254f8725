import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { isRecordRefusal } from './record-refusal';

const protocolError = (type: string, retriable = false) =>
  new KafkaJSProtocolError({ message: type, type, code: 10, retriable } as unknown as Error);

describe(isRecordRefusal.name, () => {
  it.each(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'INVALID_TIMESTAMP'])(
    'counts %s as a refusal of the record',
    (type) => expect(isRecordRefusal(protocolError(type))).toBe(true),
  );

  it('finds a refusal wrapped in another error', () => {
    const wrapped = new KafkaJSNonRetriableError('send failed');
    Object.assign(wrapped, { cause: protocolError('MESSAGE_TOO_LARGE') });
    expect(isRecordRefusal(wrapped)).toBe(true);
  });

  it.each([
    ['an unavailable leader', protocolError('LEADER_NOT_AVAILABLE', true)],
    ['a connection error', new Error('connect ECONNREFUSED')],
    ['a non-error', 'MESSAGE_TOO_LARGE'],
  ])('does not count %s', (_name, error) => expect(isRecordRefusal(error)).toBe(false));
});
