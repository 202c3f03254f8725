import type { ServerResponse } from 'node:http';

/** Ends the response with a JSON body (or none), the given status and headers. */
export function writeJson(
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body?: unknown,
): void {
  response.statusCode = status;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  if (body === undefined) {
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}
