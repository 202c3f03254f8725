import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sleep } from './kafka-test-client';

export const PROCESSOR_MAIN = resolve(
  __dirname,
  '../../../dist/apps/journey-processor/apps/journey-processor/src/main.js',
);

/** The built processor as a separate OS process, so a test can SIGKILL it like a crash would. */
export class ProcessorProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(private readonly env: Record<string, string>) {
    if (!existsSync(PROCESSOR_MAIN))
      throw new Error(`${PROCESSOR_MAIN} is missing: run \`npm run build\` first`);
  }

  /** Starts the process and resolves once its HTTP API answers (the consumer has joined by then). */
  async start(timeoutMs = 60_000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [PROCESSOR_MAIN], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on(
      'data',
      (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)),
    );
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`processor exited with ${child.exitCode}:\n${this.output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${this.env.HTTP_PORT}/customers/probe/journey`);
        if (response.status === 404) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`processor did not come up in ${timeoutMs} ms:\n${this.output}`);
  }

  /** A crash: no shutdown hook runs, nothing is flushed or committed. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM and wait for a clean exit. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    return exited;
  }

  get log(): string {
    return this.output;
  }
}
