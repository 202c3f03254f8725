import { testInfra, testNamespace } from '@pipeline/testing';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run backtest:load` as a new user runs it: from `cwd` (a checkout), with no pipeline variable set. */
function backtestLoad(cwd: string, args: readonly string[]): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(KAFKA_|REDIS_)/.test(name)),
  );
  return new Promise((done) => {
    execFile(
      process.execPath,
      [
        '-r',
        require.resolve('ts-node/register'),
        '-r',
        require.resolve('tsconfig-paths/register'),
        join(REPO, 'apps/backtest-cli/src/main.ts'),
        'load',
        ...args,
      ],
      {
        cwd,
        env: { ...env, TS_NODE_TRANSPILE_ONLY: '1', TS_NODE_PROJECT: join(REPO, 'tsconfig.json') },
        timeout: 120_000,
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('CLIs find the pipeline in .infra/pipeline.env', () => {
  const ns = testNamespace('endpoints-file');
  const dir = mkdtempSync(join(tmpdir(), 'endpoints-file-'));
  const csv = join(dir, 'orders.csv');
  writeFileSync(csv, 'customer,date,amount\nc-endpoints-1,2026-01-05,19.90\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes with the broker and topic prefix up.sh wrote, no variable set', async () => {
    const checkout = join(dir, 'checkout');
    mkdirSync(join(checkout, '.infra'), { recursive: true });
    writeFileSync(
      join(checkout, '.infra', 'pipeline.env'),
      `KAFKA_BROKERS=${testInfra().kafkaBrokers.join(',')}\nKAFKA_TOPIC_PREFIX=${ns.topicPrefix}\n`,
    );
    const run = await backtestLoad(checkout, ['--file', csv]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`1 order_placed events published on ${ns.topicPrefix}journey.conversion.v1`);
  });

  it('names the missing variable and up.sh without the file', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const run = await backtestLoad(empty, ['--file', csv]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'KAFKA_BROKERS is not set and .infra/pipeline.env was not found: run bash scripts/up.sh or set KAFKA_BROKERS',
    );
  });
});
