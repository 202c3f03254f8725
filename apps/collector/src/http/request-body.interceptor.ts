import {
  Injectable,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { CollectorConfig } from '../collector.config';
import { collectorContext, type CollectorRequest } from './collector-request';
import { BodyTooLargeError, readRequestBody } from './read-request-body';

/**
 * Reads the raw body after the API key was checked (so unauthenticated bodies are never buffered),
 * bounded by COLLECTOR_MAX_BODY_BYTES: larger is 413.
 */
@Injectable()
export class RequestBodyInterceptor implements NestInterceptor {
  constructor(private readonly config: CollectorConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<CollectorRequest>();
    return from(this.read(request)).pipe(switchMap(() => next.handle()));
  }

  private async read(request: CollectorRequest): Promise<void> {
    try {
      collectorContext(request).body = await readRequestBody(request, this.config.COLLECTOR_MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      throw new PayloadTooLargeException({ code: 'BODY_TOO_LARGE', message: error.message });
    }
  }
}
