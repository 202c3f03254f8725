import { PipelineEnv, cliEnvironment, loadEnv, pipelineEnvProblems } from '@pipeline/app-config';

/**
 * What the admin CLI reads from its environment: the variables every pipeline service shares (Kafka,
 * Redis, their prefixes, TLS, SASL and ACL settings), or else the endpoints file of scripts/up.sh,
 * validated once at start. It must point at the same KAFKA_TOPIC_PREFIX and REDIS_KEY_PREFIX as the
 * processor.
 */
export class AdminCliConfig extends PipelineEnv {}

export function loadAdminCliConfig(env: NodeJS.ProcessEnv = process.env): AdminCliConfig {
  const needs = [['KAFKA_BROKERS'], ['REDIS_URL', 'REDIS_CLUSTER_NODES']];
  return loadEnv(AdminCliConfig, cliEnvironment(env, { needs }), pipelineEnvProblems);
}
