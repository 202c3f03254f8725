import { resolveKafkaBatchServerOptions } from './kafka-batch-server.options';

describe(resolveKafkaBatchServerOptions.name, () => {
  const required = {
    connection: { brokers: ['127.0.0.1:9092'], clientId: 'c' },
    groupId: 'journey-processor',
    topics: ['journey.awareness.v1'],
  };

  it('keeps the group id exactly as given and fills defaults', () => {
    const resolved = resolveKafkaBatchServerOptions(required);
    expect(resolved.groupId).toBe('journey-processor');
    expect(resolved.topicPrefix).toBe('');
    expect(resolved.retryBackoff).toEqual({ initialMs: 200, maxMs: 30_000 });
    expect(resolved.gatherBatches).toBe(false);
    expect(resolved.partitionsConsumedConcurrently).toBe(1);
  });

  it.each([
    [{ groupId: ' ' }, /groupId/],
    [{ topics: [] }, /topics/],
    [{ retryBackoff: { initialMs: 500, maxMs: 100 } }, /retryBackoff/],
    [{ heartbeatInterval: 30_000 }, /heartbeatInterval/],
    [{ partitionsConsumedConcurrently: 0 }, /partitionsConsumedConcurrently/],
    [{ partitionsConsumedConcurrently: 2.5 }, /partitionsConsumedConcurrently/],
  ])('rejects %j', (override, message) => {
    expect(() => resolveKafkaBatchServerOptions({ ...required, ...override })).toThrow(message);
  });
});
