import type { Kafka } from 'kafkajs';
import { KAFKA_DEFAULT_MAX_MESSAGE_BYTES, TopicMessageSizeLimit } from './message-size-limit';

const silent = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** A kafkajs client whose admin answers describeConfigs from `configs` (by resource type: 2 topic, 4 broker). */
function kafkaWith(configs: { topic?: string | Error; broker?: string | Error }) {
  const calls: string[] = [];
  const admin = {
    connect: () => Promise.resolve(),
    disconnect: () => Promise.resolve(),
    describeCluster: () =>
      Promise.resolve({ brokers: [{ nodeId: 1, host: 'h', port: 1 }], controller: 1, clusterId: 'c' }),
    describeConfigs: ({
      resources,
    }: {
      resources: Array<{ type: number; name: string; configNames: string[] }>;
    }) => {
      const [resource] = resources;
      const answer = resource.type === 2 ? configs.topic : configs.broker;
      calls.push(`${resource.type}:${resource.name}`);
      if (answer === undefined || answer instanceof Error) return Promise.reject(answer ?? new Error('no'));
      return Promise.resolve({
        resources: [{ configEntries: [{ configName: resource.configNames[0], configValue: answer }] }],
      });
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

describe(TopicMessageSizeLimit.name, () => {
  it("reads the topic's max.message.bytes and answers from the cache after", async () => {
    const { kafka, calls } = kafkaWith({ topic: '2000000' });
    const limit = new TopicMessageSizeLimit(kafka, 'p.journey.dead-letter.v1', { logger: silent });
    expect(await limit.refresh()).toBe(2_000_000);
    expect(limit.current()).toBe(2_000_000);
    expect(calls).toEqual(['2:p.journey.dead-letter.v1']);
  });

  it("falls back to the broker's message.max.bytes", async () => {
    const { kafka, calls } = kafkaWith({ topic: new Error('TOPIC_AUTHORIZATION_FAILED'), broker: '500000' });
    const limit = new TopicMessageSizeLimit(kafka, 'dlq', { logger: silent });
    expect(await limit.refresh()).toBe(500_000);
    expect(calls).toEqual(['2:dlq', '4:1']);
  });

  it("assumes Kafka's default when nothing can be read, and keeps a value once read", async () => {
    const nothing = new TopicMessageSizeLimit(kafkaWith({}).kafka, 'dlq', { logger: silent });
    expect(await nothing.refresh()).toBe(KAFKA_DEFAULT_MAX_MESSAGE_BYTES);

    const configs: { topic?: string | Error } = { topic: '300000' };
    const { kafka } = kafkaWith(configs);
    const limit = new TopicMessageSizeLimit(kafka, 'dlq', { logger: silent });
    await limit.refresh();
    configs.topic = new Error('down');
    expect(await limit.refresh()).toBe(300_000);
  });

  it('answers at once before the first read', () => {
    const limit = new TopicMessageSizeLimit(kafkaWith({ topic: '1' }).kafka, 'dlq', { logger: silent });
    expect(limit.current()).toBe(KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
  });
});
