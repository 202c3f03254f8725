import type { OutboundMessage } from '@pipeline/kafka';
import { KafkaJSProtocolError } from 'kafkajs';
import { publishDeadLetters } from './dead-letter.sender';
import { boundedDeadLetter } from './dead-letter.record';

const tooLarge = () =>
  new KafkaJSProtocolError({
    message: 'too large',
    type: 'MESSAGE_TOO_LARGE',
    code: 10,
    retriable: false,
  } as unknown as Error);
const silent = { log: () => undefined, error: () => undefined, warn: () => undefined };

function letter(offset: string, bytes: number) {
  return boundedDeadLetter(
    {
      topic: 'p.t',
      logicalTopic: 't',
      partition: 0,
      offset,
      timestamp: '0',
      key: Buffer.from(`k${offset}`),
      value: Buffer.alloc(bytes, 0x61),
      headers: [],
    },
    { code: 'NOT_JSON', message: 'no' },
    new Date(0),
    1_048_588,
  );
}

/** A broker that refuses any record over `maxValue` bytes of value. */
function broker(maxValue: number) {
  const sent: OutboundMessage[][] = [];
  return {
    sent,
    publish: (records: readonly OutboundMessage[]) => {
      sent.push([...records]);
      return records.some((r) => String(r.value).length > maxValue)
        ? Promise.reject(tooLarge())
        : Promise.resolve();
    },
  };
}

describe(publishDeadLetters.name, () => {
  it('sends every dead letter in one request when the broker takes them', async () => {
    const fake = broker(1e9);
    await publishDeadLetters(fake, [letter('1', 10), letter('2', 10)], silent);
    expect(fake.sent.map((r) => r.length)).toEqual([2]);
  });

  it('replaces a refused dead letter by its minimal stand-in and still sends the others whole', async () => {
    const fake = broker(10_000);
    const records = [letter('1', 10), letter('2', 100_000), letter('3', 10)];
    await publishDeadLetters(fake, records, silent);
    const accepted = fake.sent
      .slice(1)
      .filter((batch) => batch.every((r) => String(r.value).length <= 10_000));
    const letters = accepted
      .flat()
      .map((r) => JSON.parse(String(r.value)) as { source: { offset: string }; fallback?: string });
    expect(letters.map((l) => [l.source.offset, l.fallback !== undefined])).toEqual([
      ['1', false],
      ['2', true],
      ['3', false],
    ]);
  });

  it('fails, dropping nothing, when even the stand-in is refused', async () => {
    await expect(publishDeadLetters(broker(10), [letter('1', 10)], silent)).rejects.toThrow('too large');
  });

  it('leaves a transient failure to the caller', async () => {
    const failing = { publish: () => Promise.reject(new Error('ECONNREFUSED')) };
    await expect(publishDeadLetters(failing, [letter('1', 10)], silent)).rejects.toThrow('ECONNREFUSED');
  });
});
