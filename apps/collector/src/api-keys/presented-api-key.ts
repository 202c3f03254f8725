import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export type PresentedApiKey =
  { readonly ok: true; readonly key: string } | { readonly ok: false; readonly message: string };

/** The API key from `Authorization: Bearer <key>` or `X-Api-Key: <key>`; both must agree when both are sent. */
export function presentedApiKey(headers: IncomingHttpHeaders): PresentedApiKey {
  const authorization = headers.authorization;
  const apiKeyHeader = headers['x-api-key'];
  const fromApiKey = typeof apiKeyHeader === 'string' ? apiKeyHeader.trim() : undefined;
  let fromBearer: string | undefined;
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (!match) return { ok: false, message: 'Authorization must be "Bearer <API key>"' };
    fromBearer = match[1];
  }
  if (fromBearer !== undefined && fromApiKey !== undefined && fromBearer !== fromApiKey) {
    return { ok: false, message: 'Authorization and X-Api-Key name different keys' };
  }
  const key = fromBearer ?? fromApiKey;
  if (!key) return { ok: false, message: 'an API key is required: Authorization: Bearer <key> or X-Api-Key' };
  return { ok: true, key };
}
