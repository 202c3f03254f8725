import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { presentsAdminKey } from './admin-key';

/** Injection token of the admin key's SHA-256 digest (`Buffer`), or null when none is configured. */
export const ADMIN_KEY_DIGEST = Symbol('ADMIN_KEY_DIGEST');

/** 401 unless the request carries the admin key as `Authorization: Bearer <key>`. */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(@Inject(ADMIN_KEY_DIGEST) private readonly digest: Buffer | null) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const { authorization } = http.getRequest<IncomingMessage>().headers;
    if (presentsAdminKey(authorization, this.digest)) return true;
    http.getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer');
    throw new UnauthorizedException({
      code: 'UNAUTHORIZED',
      message:
        this.digest === null
          ? 'the admin API is disabled: ADMIN_API_KEY_SHA256 is not set'
          : 'an admin key is required: Authorization: Bearer <key>',
    });
  }
}
