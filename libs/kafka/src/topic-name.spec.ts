import { logicalTopic, topicName } from './topic-name';

describe(topicName.name, () => {
  it('is the logical name itself in production (empty prefix)', () => {
    expect(topicName('', 'journey.awareness.v1')).toBe('journey.awareness.v1');
  });

  it('prepends the prefix', () => {
    expect(topicName('t-1a2b-', 'journey.awareness.v1')).toBe('t-1a2b-journey.awareness.v1');
  });
});

describe(logicalTopic.name, () => {
  it('inverts topicName', () => {
    for (const prefix of ['', 'run-42.', 't-1a2b-']) {
      expect(logicalTopic(prefix, topicName(prefix, 'customer.clv.v1'))).toBe('customer.clv.v1');
    }
  });

  it('rejects a topic of another prefix', () => {
    expect(logicalTopic('run-1.', 'run-2.customer.clv.v1')).toBeUndefined();
  });

  it('rejects the bare prefix, which names no logical topic', () => {
    expect(logicalTopic('run-1.', 'run-1.')).toBeUndefined();
  });
});
