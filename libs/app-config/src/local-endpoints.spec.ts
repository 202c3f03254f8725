import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnvironment, parseEndpointsFile } from './local-endpoints';

describe(cliEnvironment.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'local-endpoints-'));
  const file = join(dir, 'pipeline.env');
  const absent = join(dir, 'absent.env');
  writeFileSync(
    file,
    [
      '# written by scripts/up.sh',
      'KAFKA_BROKERS=127.0.0.1:9092',
      "REDIS_URL='redis://127.0.0.1:6379'",
      'KAFKA_TOPIC_PREFIX=local.',
      'PROCESSOR_URL=http://127.0.0.1:3000',
      'SOMETHING_ELSE=ignored',
      '',
    ].join('\n'),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const kafkaOnly = { needs: [['KAFKA_BROKERS']], file };
  const kafkaAndRedis = { needs: [['KAFKA_BROKERS'], ['REDIS_URL', 'REDIS_CLUSTER_NODES']], file };

  it('reads the endpoints from the file when the environment does not say where the pipeline is', () => {
    const env = cliEnvironment({ PATH: '/bin' }, kafkaAndRedis);
    expect(env).toMatchObject({
      KAFKA_BROKERS: '127.0.0.1:9092',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KAFKA_TOPIC_PREFIX: 'local.',
      PROCESSOR_URL: 'http://127.0.0.1:3000',
      PATH: '/bin',
    });
    expect(env).not.toHaveProperty('SOMETHING_ELSE');
  });

  it('lets any other variable of the environment win over the file', () => {
    expect(cliEnvironment({ KAFKA_TOPIC_PREFIX: 'mine.' }, kafkaOnly).KAFKA_TOPIC_PREFIX).toBe('mine.');
  });

  it('treats an empty variable as unset', () => {
    expect(cliEnvironment({ KAFKA_BROKERS: '', KAFKA_TOPIC_PREFIX: '' }, kafkaOnly)).toMatchObject({
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: 'local.',
    });
  });

  it('ignores the whole file once the environment names a broker or a Redis', () => {
    const env = cliEnvironment({ KAFKA_BROKERS: 'prod:9093' }, kafkaOnly);
    expect(env.KAFKA_BROKERS).toBe('prod:9093');
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.KAFKA_TOPIC_PREFIX).toBeUndefined();
  });

  it('names the missing variable and up.sh when there is no file', () => {
    expect(() => cliEnvironment({}, { ...kafkaOnly, file: absent })).toThrow(
      'KAFKA_BROKERS is not set and .infra/pipeline.env was not found: run bash scripts/up.sh or set KAFKA_BROKERS',
    );
  });

  it('does not fall back on the file for a variable the environment left out beside another endpoint', () => {
    expect(() => cliEnvironment({ REDIS_URL: 'redis://r:6379' }, kafkaAndRedis)).toThrow(
      'KAFKA_BROKERS is not set (the environment sets REDIS_URL, so .infra/pipeline.env is not read): set KAFKA_BROKERS',
    );
  });

  it('names what the file lacks', () => {
    const partial = join(dir, 'partial.env');
    writeFileSync(partial, 'KAFKA_BROKERS=127.0.0.1:9092\n');
    expect(() => cliEnvironment({}, { ...kafkaAndRedis, file: partial })).toThrow(
      `REDIS_URL (or REDIS_CLUSTER_NODES) is not set, neither in the environment nor in ${partial}`,
    );
  });

  it('names every missing variable', () => {
    expect(() => cliEnvironment({}, { ...kafkaAndRedis, file: absent })).toThrow(
      'KAFKA_BROKERS and REDIS_URL (or REDIS_CLUSTER_NODES) are not set and .infra/pipeline.env was not found',
    );
  });

  it('accepts a Redis Cluster in place of REDIS_URL', () => {
    const env = cliEnvironment({ KAFKA_BROKERS: 'k:9092', REDIS_CLUSTER_NODES: 'r1:7000' }, kafkaAndRedis);
    expect(env.REDIS_CLUSTER_NODES).toBe('r1:7000');
  });
});

describe(parseEndpointsFile.name, () => {
  it('accepts export lines and double quotes', () => {
    expect(parseEndpointsFile('export KAFKA_BROKERS="b:1"\n', 'f')).toEqual({ KAFKA_BROKERS: 'b:1' });
  });

  it('names the line that is not KEY=VALUE', () => {
    expect(() => parseEndpointsFile('# ok\nKAFKA_BROKERS b:1\n', '.infra/pipeline.env')).toThrow(
      '.infra/pipeline.env:2: expected KEY=VALUE',
    );
  });
});
