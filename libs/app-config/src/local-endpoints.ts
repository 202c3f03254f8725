import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where `bash scripts/up.sh` writes the endpoints of the pipeline it started, from the repository root. */
export const LOCAL_ENDPOINTS_FILE = '.infra/pipeline.env';

/**
 * Variables that say where the pipeline is. When the environment sets any of them, the environment
 * describes another pipeline and the file is not read at all: a CLI never mixes a broker given by
 * hand with the local Redis.
 */
const ENDPOINT_VARIABLES = ['KAFKA_BROKERS', 'REDIS_URL', 'REDIS_CLUSTER_NODES'] as const;

/** What a CLI reads from `.infra/pipeline.env` (anything else in the file is ignored). */
const FILE_VARIABLES = new Set<string>([
  ...ENDPOINT_VARIABLES,
  'KAFKA_TOPIC_PREFIX',
  'REDIS_KEY_PREFIX',
  'PROCESSOR_URL',
  'SCHEDULER_URL',
  'COLLECTOR_URL',
]);

/** Help text every CLI appends to its usage. */
export const LOCAL_ENDPOINTS_HELP = `
Where the pipeline is: the environment (KAFKA_BROKERS, REDIS_URL, KAFKA_TOPIC_PREFIX, ...) when it sets
KAFKA_BROKERS, REDIS_URL or REDIS_CLUSTER_NODES; otherwise ${LOCAL_ENDPOINTS_FILE}, which
bash scripts/up.sh writes and bash scripts/down.sh removes (other variables set in the environment still
win over the file's).
`;

export interface CliEnvOptions {
  /** Variables the CLI cannot run without; each entry is a list of alternatives, one of which must be set. */
  readonly needs: ReadonlyArray<readonly string[]>;
  /** The endpoints file; default `.infra/pipeline.env` under the working directory (npm runs in the repository root). */
  readonly file?: string;
}

/**
 * The environment a CLI runs with: `env` when it says where the pipeline is, else `env` over the
 * endpoints file that scripts/up.sh wrote. Throws a message naming what is missing and how to provide
 * it. The result is then validated like any environment (`loadEnv`).
 */
export function cliEnvironment(env: NodeJS.ProcessEnv, options: CliEnvOptions): NodeJS.ProcessEnv {
  const isSet = (name: string, from: NodeJS.ProcessEnv): boolean => (from[name] ?? '') !== '';
  const path = options.file ?? resolve(LOCAL_ENDPOINTS_FILE);
  const fromEnvironment = ENDPOINT_VARIABLES.some((name) => isSet(name, env));
  const file = fromEnvironment ? undefined : readEndpointsFile(path);
  const merged: NodeJS.ProcessEnv = { ...file };
  for (const [name, value] of Object.entries(env))
    if (value !== '' || !(name in merged)) merged[name] = value;

  const missing = options.needs.filter((alternatives) => !alternatives.some((name) => isSet(name, merged)));
  if (missing.length === 0) return merged;
  const names = missing
    .map(([first, ...others]) => (others.length > 0 ? `${first} (or ${others.join(' or ')})` : first))
    .join(' and ');
  const notSet = `${names} ${missing.length === 1 ? 'is' : 'are'} not set`;
  if (fromEnvironment) {
    const given = ENDPOINT_VARIABLES.filter((name) => isSet(name, env)).join(', ');
    throw new Error(
      `${notSet} (the environment sets ${given}, so ${LOCAL_ENDPOINTS_FILE} is not read): set ${names}`,
    );
  }
  if (file === undefined) {
    throw new Error(
      `${notSet} and ${LOCAL_ENDPOINTS_FILE} was not found: run bash scripts/up.sh or set ${names}`,
    );
  }
  throw new Error(
    `${notSet}, neither in the environment nor in ${path}: run bash scripts/up.sh or set ${names}`,
  );
}

/** The file's variables, or undefined when there is no file. Lines are KEY=VALUE; # starts a comment. */
export function readEndpointsFile(path: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseEndpointsFile(text, path);
}

export function parseEndpointsFile(text: string, path: string): Record<string, string> {
  const variables: Record<string, string> = {};
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`${path}:${index + 1}: expected KEY=VALUE`);
    const [, name, value] = match;
    if (FILE_VARIABLES.has(name)) variables[name] = unquote(value.trim());
  });
  return variables;
}

function unquote(value: string): string {
  const quoted = /^'(.*)'$/.exec(value) ?? /^"(.*)"$/.exec(value);
  return quoted ? quoted[1] : value;
}
