/** Request headers a browser may send to the collector. */
const ALLOWED_HEADERS = 'Authorization, X-Api-Key, Content-Type, Content-Encoding';

/**
 * CORS for browser storefronts. A preflight carries no API key, so it is answered for any origin some
 * key allows; the request itself is then checked against its own key's origins (ApiKeyGuard).
 */
export class CorsPolicy {
  constructor(private readonly allowedOrigins: ReadonlySet<string>) {}

  /** Headers that answer a preflight, or undefined when the origin or method is not allowed. */
  preflight(
    origin: string | undefined,
    requestMethod: string | undefined,
  ): Record<string, string> | undefined {
    if (origin === undefined || !this.allowedOrigins.has(origin)) return undefined;
    if (requestMethod !== undefined && requestMethod.toUpperCase() !== 'POST') return undefined;
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  }

  /** Headers that let an allowed origin read the response (including its error codes and Retry-After). */
  responseHeaders(origin: string | undefined): Record<string, string> {
    if (origin === undefined || !this.allowedOrigins.has(origin)) return { Vary: 'Origin' };
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': 'Retry-After',
      Vary: 'Origin',
    };
  }
}
