import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CorsPolicy } from './cors-policy';

/** Adds the CORS response headers before anything can answer, so browsers can read errors too. */
@Injectable()
export class CorsHeadersMiddleware implements NestMiddleware {
  constructor(private readonly cors: CorsPolicy) {}

  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    for (const [name, value] of Object.entries(this.cors.responseHeaders(request.headers.origin))) {
      response.setHeader(name, value);
    }
    next();
  }
}
