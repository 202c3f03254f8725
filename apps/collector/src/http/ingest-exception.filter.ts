import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { CollectorMetrics, NO_KEY_ID } from '../metrics/collector.metrics';
import type { CollectorRequest } from './collector-request';
import { writeJson } from './write-json';

/**
 * Answers what the ingestion routes throw before their handler replies (the API key guard's 401 and
 * 403, the body's 413, 415 and 400) with the exception's `{ code, message }`, and counts the request,
 * as the handler counts the answers it writes. Anything else is a 500 whose cause is logged, not sent.
 */
@Catch()
export class IngestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Ingest');

  constructor(private readonly metrics: CollectorMetrics) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<CollectorRequest>();
    const response = http.getResponse<ServerResponse>();
    const { status, body } = answerTo(exception);
    if (status === 500)
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    this.metrics.requestAnswered(request.collectorContext?.grant?.id ?? NO_KEY_ID, status, body.code);
    if (response.headersSent) {
      response.end();
      return;
    }
    writeJson(response, status, {}, body);
  }
}

function answerTo(exception: unknown): { status: number; body: { code: string; message: string } } {
  if (!(exception instanceof HttpException)) {
    return { status: 500, body: { code: 'INTERNAL_ERROR', message: 'the collector failed; try again' } };
  }
  const given = exception.getResponse();
  const code =
    typeof given === 'object' && 'code' in given && typeof given.code === 'string'
      ? given.code
      : `HTTP_${exception.getStatus()}`;
  // exception.message is the `message` of the object the exception was made with.
  return { status: exception.getStatus(), body: { code, message: exception.message } };
}
