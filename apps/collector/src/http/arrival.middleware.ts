import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { CollectorRequest } from './collector-request';

/** Stamps the request's arrival time first thing: every event of it gets this `receivedAt`. */
@Injectable()
export class ArrivalMiddleware implements NestMiddleware {
  use(request: CollectorRequest, _response: ServerResponse, next: () => void): void {
    request.collectorContext = { receivedAtMs: Date.now() };
    next();
  }
}
