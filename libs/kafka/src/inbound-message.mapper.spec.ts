import type { KafkaMessage } from 'kafkajs';
import { decodeHeaders, rawHeaders, toInboundMessage } from './inbound-message.mapper';

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
      rawHeaders: [],
    });
  });
});

describe(rawHeaders.name, () => {
  it('keeps binary values byte for byte and every value of a repeated header', () => {
    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]);
    const headers = { bin: binary, text: 'é', repeated: [Buffer.from('a'), 'b'], gone: undefined };
    expect(rawHeaders(headers)).toEqual([
      { name: 'bin', value: binary },
      { name: 'text', value: Buffer.from('é') },
      { name: 'repeated', value: Buffer.from('a') },
      { name: 'repeated', value: Buffer.from('b') },
    ]);
  });

  it('keeps a null value null', () => {
    const withNull = { empty: null } as unknown as Parameters<typeof rawHeaders>[0];
    expect(rawHeaders(withNull)).toEqual([{ name: 'empty', value: null }]);
  });
});
