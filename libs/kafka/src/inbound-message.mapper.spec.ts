import type { KafkaMessage } from 'kafkajs';
import { decodeHeaders, toInboundMessage } from './inbound-message.mapper';

describe(decodeHeaders.name, () => {
  it('decodes buffers and strings as UTF-8, keeping the last of repeated values', () => {
    expect(
      decodeHeaders({
        'event-id': Buffer.from('é-1'),
        source: 'web',
        repeated: [Buffer.from('first'), 'last'],
        missing: undefined,
      }),
    ).toEqual({ 'event-id': 'é-1', source: 'web', repeated: 'last' });
  });

  it('gives an empty record for no headers', () => {
    expect(decodeHeaders(undefined)).toEqual({});
  });
});

describe(toInboundMessage.name, () => {
  it('keeps the raw key and value bytes and the offset', () => {
    const message: KafkaMessage = {
      key: Buffer.from('customer-1'),
      value: null,
      offset: '9007199254740993',
      timestamp: '1700000000000',
      attributes: 0,
      headers: {},
    };
    expect(toInboundMessage(message)).toEqual({
      key: Buffer.from('customer-1'),
      value: null,
      offset: '9007199254740993',
      timestamp: '1700000000000',
      headers: {},
    });
  });
});
