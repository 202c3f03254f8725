import { Kafka, logLevel } from 'kafkajs';

const DELETE_CHUNK = 200;

/**
 * Stops containers the global setup started; a broker started by the scripts is left for reuse, but
 * without this run's topics: every test file creates its own (`t-<run id>-...`), and a long-lived
 * local broker that keeps thousands of them grows slower with each run.
 */
export default async function globalTeardown(): Promise<void> {
  for (const container of globalThis.__pipelineContainers ?? []) await container.stop();
  if (globalThis.__pipelineContainers?.length) return;
  await deleteRunTopics().catch((error: unknown) => {
    // Cleanup only: the tests have passed or failed already.
    process.stderr.write(`global teardown: could not delete this run's topics: ${String(error)}\n`);
  });
}

async function deleteRunTopics(): Promise<void> {
  const runId = process.env.PIPELINE_TEST_RUN_ID;
  const brokers = process.env.KAFKA_BROKERS;
  if (!runId || !brokers) return;
  const kafka = new Kafka({
    clientId: 'test-teardown',
    brokers: brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const prefix = `t-${runId}-`;
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    for (let i = 0; i < topics.length; i += DELETE_CHUNK)
      await admin.deleteTopics({ topics: topics.slice(i, i + DELETE_CHUNK), timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
