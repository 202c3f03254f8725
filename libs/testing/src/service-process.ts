import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * A built Node service run as its own OS process, so a test can SIGKILL it like a crash would and
 * read its resident memory from /proc.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly readyUrl: string,
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  /** Spawns the process; resolves once `readyUrl` answers at all. */
  async start(timeoutMs = 60_000): Promise<void> {
    this.spawn();
    const child = this.child!;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${this.script} exited with ${child.exitCode ?? child.signalCode}:\n${this.output}`);
      try {
        await fetch(this.readyUrl);
        return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.script} did not answer on ${this.readyUrl} in ${timeoutMs} ms:\n${this.output}`);
  }

  /** Spawns the process without waiting for it to come up. */
  spawn(): void {
    this.output = '';
    const child = spawn(process.execPath, [...this.nodeArgs, this.script], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number {
    if (!this.child?.pid || !this.running) throw new Error(`${this.script} is not running`);
    return this.child.pid;
  }

  /** Resident set size in bytes, from /proc. */
  rssBytes(): number {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    if (!match) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(match[1]) * 1024;
  }

  /** CPU seconds (user + system) used so far, from /proc. */
  cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** A crash: no shutdown hook runs, nothing is flushed or committed. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM and wait for the exit. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  get log(): string {
    return this.output;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    await exited;
  }
}
