import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');

function portOf(hostPort: string | undefined): string | undefined {
  return hostPort ? /:(\d+)$/.exec(hostPort.split(',')[0].trim())?.[1] : undefined;
}

function run(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile('bash', [script, ...args], { env, timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, output: `${stdout}${stderr}` });
    });
  });
}

/**
 * Stops and starts the Kafka broker the integration tests run against, through the project's own
 * `scripts/infra/kafka.sh`, so a test can take the broker away mid-stream. Which script and ports:
 * `PIPELINE_BROKER_SCRIPT` (default: this repository's script) with `KAFKA_PORT`,
 * `KAFKA_CONTROLLER_PORT`, `KAFKA_SCRAM_PORT` and `KAFKA_TLS_PORT` (defaults: the ports in
 * `KAFKA_BROKERS`, `KAFKA_SCRAM_BROKERS` and `KAFKA_TLS_BROKERS`, the controller one above the client
 * port).
 */
export class BrokerControl {
  private constructor(
    readonly script: string,
    readonly brokers: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /**
   * The control of the broker in `KAFKA_BROKERS`. Rejects, naming what to set, when that broker is
   * not one the script runs: a test must never restart a broker it cannot bring back.
   */
  static async fromEnvironment(environment: NodeJS.ProcessEnv = process.env): Promise<BrokerControl> {
    const brokers = environment.KAFKA_BROKERS;
    if (!brokers) throw new Error('BrokerControl: KAFKA_BROKERS is not set');
    const script = environment.PIPELINE_BROKER_SCRIPT ?? resolve(REPO_ROOT, 'scripts/infra/kafka.sh');
    if (!existsSync(script))
      throw new Error(`BrokerControl: PIPELINE_BROKER_SCRIPT ${script} does not exist`);
    const port = environment.KAFKA_PORT ?? portOf(brokers);
    if (!port || brokers.split(',').length !== 1 || !/^(127\.0\.0\.1|localhost):\d+$/.test(brokers.trim()))
      throw new Error(
        `BrokerControl: KAFKA_BROKERS=${brokers} is not a single local broker that ${script} can restart`,
      );
    const env: NodeJS.ProcessEnv = {
      ...environment,
      KAFKA_PORT: port,
      KAFKA_CONTROLLER_PORT: environment.KAFKA_CONTROLLER_PORT ?? String(Number(port) + 1),
      KAFKA_SCRAM_PORT:
        environment.KAFKA_SCRAM_PORT ?? portOf(environment.KAFKA_SCRAM_BROKERS) ?? String(Number(port) + 2),
      KAFKA_TLS_PORT:
        environment.KAFKA_TLS_PORT ?? portOf(environment.KAFKA_TLS_BROKERS) ?? String(Number(port) + 3),
    };
    const status = await run(script, ['status'], env);
    if (status.code !== 0 || !status.output.includes(`127.0.0.1:${port}`))
      throw new Error(
        `BrokerControl: the broker on KAFKA_BROKERS=${brokers} is not one ${script} runs (status: ${status.output.trim()}). ` +
          'Start the broker with that script, or point PIPELINE_BROKER_SCRIPT (plus KAFKA_PORT, ' +
          'KAFKA_CONTROLLER_PORT, KAFKA_SCRAM_PORT, KAFKA_TLS_PORT) at the copy of scripts/infra/kafka.sh that started it.',
      );
    return new BrokerControl(script, `127.0.0.1:${port}`, env);
  }

  /** Stops the broker (SIGTERM, or SIGKILL at once with `crash`) and starts it again on its data. */
  async restart(options: { crash?: boolean; downMs?: number } = {}): Promise<void> {
    const env = { ...this.env, ...(options.crash && { KAFKA_STOP_TIMEOUT: '0' }) };
    const stopped = await run(this.script, ['stop'], env);
    if (stopped.code !== 0) throw new Error(`BrokerControl: stop failed:\n${stopped.output}`);
    if (options.downMs) await new Promise((r) => setTimeout(r, options.downMs));
    const started = await run(this.script, ['start'], env);
    if (started.code !== 0 || !started.output.includes(`KAFKA_BROKERS=${this.brokers}`))
      throw new Error(`BrokerControl: start failed:\n${started.output}`);
  }
}
