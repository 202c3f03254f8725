import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** What the repository's docker-compose.yml says about one service, as far as the tests check it. */
export interface ComposeService {
  /** The `APP` build argument: which Nest project the Dockerfile builds and runs. */
  readonly app: string | undefined;
  /**
   * The environment, with `${NAME:-default}` / `${NAME}` references resolved the way Compose does
   * against `shellEnv` (an unset or empty variable takes the default, else the empty string).
   */
  readonly environment: Record<string, string>;
}

const COMPOSE_FILE = resolve(__dirname, '../../../docker-compose.yml');

function interpolate(value: string, shellEnv: Record<string, string | undefined>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => {
    const set = shellEnv[name];
    return set !== undefined && set !== '' ? set : (fallback ?? '');
  });
}

/** One service of docker-compose.yml; throws if there is no such service. */
export function composeService(
  name: string,
  shellEnv: Record<string, string | undefined> = {},
): ComposeService {
  const file = parse(readFileSync(COMPOSE_FILE, 'utf8')) as {
    services?: Record<
      string,
      { build?: { args?: Record<string, unknown> }; environment?: Record<string, unknown> }
    >;
  };
  const service = file.services?.[name];
  if (service === undefined) throw new Error(`docker-compose.yml has no service ${name}`);
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.environment ?? {})) {
    environment[key] = interpolate(String(value), shellEnv);
  }
  const app = service.build?.args?.APP;
  return { app: typeof app === 'string' ? app : undefined, environment };
}
