import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from './load-env';
import { PipelineEnv } from './pipeline.env';
import { kafkaConnectionFromEnv, redisConnectionFromEnv } from './connection-settings';

describe('connection settings from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-settings-'));
  const caFile = join(dir, 'ca.pem');
  const CA = '-----BEGIN CERTIFICATE-----\ntest\n-----END CERTIFICATE-----\n';
  writeFileSync(caFile, CA);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = (vars: Record<string, string>): PipelineEnv =>
    loadEnv(PipelineEnv, { KAFKA_BROKERS: 'b1:9093,b2:9093', REDIS_URL: 'redis://r:6379', ...vars });

  it('speaks plain TCP to Kafka and Redis unless told otherwise', () => {
    expect(kafkaConnectionFromEnv(env({}), 'c').ssl).toBeUndefined();
    expect(redisConnectionFromEnv(env({}), 'c').tls).toBeUndefined();
  });

  it('uses the system CAs for TLS without a CA file, the file when given', () => {
    expect(kafkaConnectionFromEnv(env({ KAFKA_TLS: 'true' }), 'c').ssl).toBe(true);
    expect(kafkaConnectionFromEnv(env({ KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: caFile }), 'c').ssl).toEqual({
      ca: [CA],
    });
    expect(redisConnectionFromEnv(env({ REDIS_TLS: 'true' }), 'c').tls).toBe(true);
    expect(redisConnectionFromEnv(env({ REDIS_TLS: 'true', REDIS_TLS_CA_FILE: caFile }), 'c').tls).toEqual({
      ca: [CA],
    });
  });

  it('takes a rediss:// URL as TLS, with the CA file when given', () => {
    const options = redisConnectionFromEnv(
      env({ REDIS_URL: 'rediss://r:6380', REDIS_TLS_CA_FILE: caFile }),
      'c',
    );
    expect(options.tls).toEqual({ ca: [CA] });
  });

  it('ignores a CA file while TLS is off', () => {
    expect(kafkaConnectionFromEnv(env({ KAFKA_TLS_CA_FILE: caFile }), 'c').ssl).toBeUndefined();
    expect(redisConnectionFromEnv(env({ REDIS_TLS_CA_FILE: caFile }), 'c').tls).toBeUndefined();
  });
});
