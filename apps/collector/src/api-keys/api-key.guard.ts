import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { collectorContext, type CollectorRequest } from '../http/collector-request';
import { ApiKeyRegistry } from './api-key.registry';
import { presentedApiKey } from './presented-api-key';

/**
 * 401 without a key or with an unknown one; 403 when a browser uses a key from an origin the key
 * does not allow (server-side callers send no Origin). Puts the key's grant on the request.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly registry: ApiKeyRegistry) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<CollectorRequest>();
    const presented = presentedApiKey(request.headers);
    const grant = presented.ok ? this.registry.find(presented.key) : undefined;
    if (grant === undefined) {
      http.getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException({
        code: 'UNAUTHORIZED',
        message: presented.ok ? 'unknown API key' : presented.message,
      });
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !grant.corsOrigins.has(origin)) {
      throw new ForbiddenException({
        code: 'ORIGIN_NOT_ALLOWED',
        message: `this API key may not be used from ${origin}`,
      });
    }
    collectorContext(request).grant = grant;
    return true;
  }
}
