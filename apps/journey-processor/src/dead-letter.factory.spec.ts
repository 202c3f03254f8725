import { DEAD_LETTER_MAX_VALUE_BYTES } from '@pipeline/contracts';
import { createHash } from 'node:crypto';
import { buildDeadLetter } from './dead-letter.factory';

describe(buildDeadLetter.name, () => {
  const source = (value: Buffer | null) => ({
    topic: 'journey.awareness.v1',
    partition: 2,
    offset: '41',
    timestamp: '1767225600000',
    key: Buffer.from('cust-1'),
    value,
    headers: { trace: 't-1' },
  });
  const reason = { code: 'NOT_JSON', message: 'value is not JSON' } as const;

  it('keeps a normal value byte for byte, with its size and hash', () => {
    const value = Buffer.from([0x7b, 0xff, 0x00]);
    const letter = buildDeadLetter(source(value), reason, new Date(0));
    expect(Buffer.from(letter.original.valueBase64!, 'base64')).toEqual(value);
    expect(letter.original).toMatchObject({
      keyBase64: Buffer.from('cust-1').toString('base64'),
      valueBytes: 3,
      valueSha256: createHash('sha256').update(value).digest('hex'),
      valueTruncated: false,
      headers: { trace: 't-1' },
    });
    expect(letter.source).toEqual({
      topic: 'journey.awareness.v1',
      partition: 2,
      offset: '41',
      timestamp: '1767225600000',
    });
  });

  it('keeps only the head of a value too large to travel inside a dead letter', () => {
    const value = Buffer.alloc(1_000_000, 0x61);
    const letter = buildDeadLetter(source(value), reason, new Date(0));
    expect(Buffer.from(letter.original.valueBase64!, 'base64')).toHaveLength(DEAD_LETTER_MAX_VALUE_BYTES);
    expect(letter.original).toMatchObject({ valueBytes: 1_000_000, valueTruncated: true });
    expect(JSON.stringify(letter).length).toBeLessThan(512 * 1024);
  });

  it('describes an empty (null) value', () => {
    expect(buildDeadLetter(source(null), reason, new Date(0)).original).toMatchObject({
      valueBase64: null,
      valueBytes: 0,
      valueSha256: null,
      valueTruncated: false,
    });
  });
});
