import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');

/** Runs one of the project's infra scripts and reads the `NAME=value` line it prints. */
export function runInfraScript(script: string, args: readonly string[], variable: string): string {
  const output = execFileSync('bash', [resolve(REPO_ROOT, 'scripts/infra', script), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
  });
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith(`${variable}=`));
  if (!line) throw new Error(`scripts/infra/${script} printed no ${variable}= line:\n${output}`);
  return line.slice(variable.length + 1);
}

export function dockerEngineAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
