import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Logger as PinoNestLogger, type Params } from 'nestjs-pino';
import { destination, pino, stdTimeFunctions, type Logger } from 'pino';
import type { ResolvedObservabilityOptions } from '../observability-module.options';
import { loggablePath } from './loggable-path';
import { pinoLevel } from './pino-level';

/** Injection token of the app's root pino logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** Polled endpoints whose requests are not worth a log line each. */
const QUIET_PATHS = new Set(['/metrics', '/health/live', '/health/ready', '/ops/snapshot']);

/**
 * One JSON object per line on stdout: ISO time, level name, service name. Written synchronously, like
 * Nest's console logger: the lines just before a SIGTERM or a crash are the ones that matter.
 */
export function createRootLogger(options: ResolvedObservabilityOptions): Logger {
  return pino(
    {
      level: pinoLevel(options.logLevel),
      base: { service: options.serviceName },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination({ dest: 1, sync: true }),
  );
}

/**
 * nestjs-pino settings: every Nest log line through `root`, and one access log line per HTTP request
 * with the method, a path without customer ids or query string, the status and the duration; never
 * headers (they may carry credentials) or bodies.
 */
export function structuredLoggingParams(root: Logger): Params {
  return {
    pinoHttp: {
      logger: root,
      genReqId: () => randomUUID(),
      autoLogging: { ignore: (req) => QUIET_PATHS.has(loggablePath(req.url)) },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({
          id: req.id,
          method: req.method,
          path: loggablePath(req.url),
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
    },
  };
}

/** Makes the app log through nestjs-pino; call right after `NestFactory.create(..., { bufferLogs: true })`. */
export function useStructuredLogging(app: INestApplication): void {
  app.useLogger(app.get(PinoNestLogger));
}
