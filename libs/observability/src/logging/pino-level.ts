import type { Level } from 'pino';
import type { NestLogLevelName } from '../observability-module.options';

const PINO_LEVEL: Readonly<Record<NestLogLevelName, Level>> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** The pino level that logs what Nest's LOG_LEVEL names: `log` is pino's `info`, `verbose` its `trace`. */
export function pinoLevel(level: NestLogLevelName): Level {
  return PINO_LEVEL[level];
}
