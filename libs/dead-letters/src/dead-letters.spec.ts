import type { DeadLetterEventV1 } from '@pipeline/contracts';
import type { InboundMessage } from '@pipeline/kafka';
import { DeadLetters } from './dead-letters';
import { FixedMessageSizeLimit } from './message-size-limit';

describe(DeadLetters.name, () => {
  const reason = { code: 'NOT_JSON', message: 'value is not JSON' } as const;
  const message = (overrides: Partial<InboundMessage> = {}): InboundMessage => ({
    key: Buffer.from('k'),
    value: Buffer.alloc(600_000, 0x61),
    offset: '7',
    timestamp: '1767225600000',
    headers: { bin: '\u0000\ufffd' },
    rawHeaders: [{ name: 'bin', value: Buffer.from([0x00, 0xff]) }],
    ...overrides,
  });
  const letterOf = (value: string) => JSON.parse(value) as DeadLetterEventV1;

  it('names the source topic as the broker does, prefix included, and keeps the logical name', () => {
    const deadLetters = new DeadLetters({
      topicPrefix: 'staging.',
      sizeLimit: new FixedMessageSizeLimit(1_048_588),
    });
    const record = deadLetters.forMessage(
      { topic: 'journey.awareness.v1', partition: 1 },
      message(),
      reason,
      new Date(0),
    );
    expect(letterOf(record.value).source).toMatchObject({
      topic: 'staging.journey.awareness.v1',
      logicalTopic: 'journey.awareness.v1',
      partition: 1,
      offset: '7',
    });
    expect(record.headers?.['dlq-source-topic']).toBe('staging.journey.awareness.v1');
  });

  it('keeps the raw header bytes the transport handed over', () => {
    const deadLetters = new DeadLetters({ topicPrefix: '', sizeLimit: new FixedMessageSizeLimit(1_048_588) });
    const record = deadLetters.forMessage({ topic: 't', partition: 0 }, message(), reason, new Date(0));
    expect(letterOf(record.value).original.headersBase64).toEqual([
      { name: 'bin', valueBase64: Buffer.from([0x00, 0xff]).toString('base64') },
    ]);
  });

  it('falls back to the text headers of a message built without raw ones', () => {
    const deadLetters = new DeadLetters({ topicPrefix: '', sizeLimit: new FixedMessageSizeLimit(1_048_588) });
    const record = deadLetters.forMessage(
      { topic: 't', partition: 0 },
      message({ rawHeaders: undefined, headers: { trace: 't-1' } }),
      reason,
      new Date(0),
    );
    expect(letterOf(record.value).original.headersBase64).toEqual([
      { name: 'trace', valueBase64: Buffer.from('t-1').toString('base64') },
    ]);
  });

  it('bounds the letter by the size limit it is given', () => {
    const small = new DeadLetters({ topicPrefix: '', sizeLimit: new FixedMessageSizeLimit(100_000) });
    const record = small.forMessage({ topic: 't', partition: 0 }, message(), reason, new Date(0));
    expect(Buffer.byteLength(record.value)).toBeLessThan(100_000);
    expect(letterOf(record.value).original.valueTruncated).toBe(true);
  });
});
