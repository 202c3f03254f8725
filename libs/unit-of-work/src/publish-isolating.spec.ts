import type { OutboundMessage } from '@pipeline/kafka';
import { classifyFailure } from './failure-kind';
import { publishIsolating } from './publish-isolating';

function refusal(): Error {
  const error = new Error('The request included a message larger than the max message size');
  error.name = 'KafkaJSProtocolError';
  return Object.assign(error, { type: 'MESSAGE_TOO_LARGE', retriable: false });
}

const message = (value: string): OutboundMessage => ({ topic: 't', key: 'k', value });

describe(publishIsolating.name, () => {
  it('returns the records the broker refuses for good, having sent every other one', async () => {
    const sent: string[] = [];
    const publish = (messages: readonly OutboundMessage[]): Promise<void> => {
      if (messages.some((m) => String(m.value).startsWith('huge'))) return Promise.reject(refusal());
      sent.push(...messages.map((m) => String(m.value)));
      return Promise.resolve();
    };
    const messages = ['a', 'huge-1', 'b', 'c', 'huge-2', 'd'].map(message);
    const refused = await publishIsolating(publish, messages, classifyFailure);
    expect(refused.map((r) => r.message.value)).toEqual(['huge-1', 'huge-2']);
    expect(sent).toEqual(['a', 'b', 'c', 'd']);
  });

  it('throws a transient failure for the caller to retry, refusing nothing', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await expect(publishIsolating(() => Promise.reject(down), [message('a')], classifyFailure)).rejects.toBe(
      down,
    );
  });
});
