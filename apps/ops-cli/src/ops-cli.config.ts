import { PipelineEnv, cliEnvironment, loadEnv } from '@pipeline/app-config';

/**
 * What the ops CLI reads from its environment: where Kafka is (KAFKA_BROKERS, with the same TLS and
 * SASL variables as the services) and the default topic prefix (KAFKA_TOPIC_PREFIX), or else from the
 * endpoints file of scripts/up.sh. Redis is not needed, so its variables are not required here.
 */
export class OpsCliConfig extends PipelineEnv {}

export function loadOpsCliConfig(env: NodeJS.ProcessEnv = process.env): OpsCliConfig {
  return loadEnv(OpsCliConfig, cliEnvironment(env, { needs: [['KAFKA_BROKERS']] }));
}
