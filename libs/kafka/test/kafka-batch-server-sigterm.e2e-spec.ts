import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Admin, type Kafka } from 'kafkajs';
import { createKafkaClient, ensureTopics, KafkaBatchServer, topicName } from '@pipeline/kafka';
import { committedOffsets, testBrokers, testConnection, uniqueSuffix, waitFor } from './kafka-e2e.fixture';

const INPUT = 'kafka-e2e.sigterm-in.v1';
const OUTPUT = 'kafka-e2e.sigterm-out.v1';
const REPO_ROOT = resolve(__dirname, '../../..');

describe(`${KafkaBatchServer.name} on SIGTERM`, () => {
  let kafka: Kafka;
  let admin: Admin;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    kafka = createKafkaClient(testConnection('kafka-sigterm-e2e'));
    admin = kafka.admin();
    await admin.connect();
  });

  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  it('finishes the batch in hand, publishes, commits and leaves the group before exiting', async () => {
    const prefix = `t-${uniqueSuffix()}-`;
    const groupId = `g-${uniqueSuffix()}`;
    await ensureTopics(kafka, prefix, [INPUT, OUTPUT], { partitions: 1, replicationFactor: 1 });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: topicName(prefix, INPUT),
      messages: ['a', 'b', 'c'].map((value) => ({ value })),
    });
    await producer.disconnect();

    child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', resolve(__dirname, 'sigterm-app.fixture.ts')],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          KAFKA_BROKERS: testBrokers().join(','),
          SIGTERM_TOPIC_PREFIX: prefix,
          SIGTERM_GROUP_ID: groupId,
          SIGTERM_SLOW_MS: '2500',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    const exited = once(child, 'exit');

    await waitFor(
      'the child to start handling',
      () => (stdout.includes('handling') ? true : undefined),
      60_000,
    );
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const [code, signal] = (await Promise.race([
      exited,
      sleep(30_000, undefined, { ref: false }).then(() => Promise.reject(new Error('child did not exit'))),
    ])) as [number | null, NodeJS.Signals | null];
    const exitedAfterMs = Date.now() - signalledAt;

    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(stdout).toContain('handling 0..2');
    expect(stdout).toContain('handled 2');
    expect(exitedAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(await committedOffsets(admin, groupId, topicName(prefix, INPUT))).toEqual({ 0: '3' });
    const [output] = await admin.fetchTopicOffsets(topicName(prefix, OUTPUT));
    expect(output?.high).toBe('1');
    const [group] = (await admin.describeGroups([groupId])).groups;
    expect(group?.members).toHaveLength(0);
  });
});
