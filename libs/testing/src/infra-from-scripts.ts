import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');

/** Runs one of the project's infra scripts and reads the `NAME=value` lines it prints. */
export function runInfraScript(script: string, args: readonly string[]): Record<string, string | undefined> {
  const output = execFileSync('bash', [resolve(REPO_ROOT, 'scripts/infra', script), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
  });
  const values: Record<string, string | undefined> = {};
  for (const line of output.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2];
  }
  if (Object.keys(values).length === 0)
    throw new Error(`scripts/infra/${script} printed no NAME=value line:\n${output}`);
  return values;
}

export function dockerEngineAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
