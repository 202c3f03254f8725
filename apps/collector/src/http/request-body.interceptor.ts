import {
  BadRequestException,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { CollectorConfig } from '../collector.config';
import { collectorContext, type CollectorRequest } from './collector-request';
import {
  BodyTooLargeError,
  IncompleteBodyError,
  UndecodableBodyError,
  UnsupportedEncodingError,
  readRequestBody,
} from './read-request-body';

/**
 * Reads and decodes the body after the API key was checked (so unauthenticated bodies are never
 * buffered), bounded by COLLECTOR_MAX_BODY_BYTES before and after decoding: larger is 413, a
 * Content-Encoding other than gzip, deflate, br or identity is 415, a body that does not decode 400.
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
      if (error instanceof BodyTooLargeError)
        throw new PayloadTooLargeException({ code: 'BODY_TOO_LARGE', message: error.message });
      if (error instanceof UnsupportedEncodingError)
        throw new UnsupportedMediaTypeException({
          code: 'UNSUPPORTED_CONTENT_ENCODING',
          message: error.message,
        });
      if (error instanceof UndecodableBodyError)
        throw new BadRequestException({ code: 'BODY_NOT_DECODABLE', message: error.message });
      // Counted as the client's doing, not the collector's failure (500).
      if (error instanceof IncompleteBodyError)
        throw new BadRequestException({ code: 'BODY_INCOMPLETE', message: error.message });
      throw error;
    }
  }
}
