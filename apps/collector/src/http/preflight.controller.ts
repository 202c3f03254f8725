import { Controller, Options, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CorsPolicy } from './cors-policy';
import { writeJson } from './write-json';

/** CORS preflights of the ingestion routes: 204 for allowed origins, 403 (no CORS headers) otherwise. */
@Controller('v1')
export class PreflightController {
  constructor(private readonly cors: CorsPolicy) {}

  @Options(['events', 'batch'])
  preflight(@Req() request: IncomingMessage, @Res() response: ServerResponse): void {
    const headers = this.cors.preflight(
      request.headers.origin,
      request.headers['access-control-request-method'],
    );
    if (headers === undefined) {
      writeJson(response, 403, {}, { code: 'ORIGIN_NOT_ALLOWED', message: 'no API key allows this origin' });
      return;
    }
    writeJson(response, 204, headers);
  }
}
