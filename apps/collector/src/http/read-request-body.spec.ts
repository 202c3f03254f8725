import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { BodyTooLargeError, readRequestBody } from './read-request-body';

function request(chunks: readonly string[], headers: Record<string, string> = {}): IncomingMessage {
  const stream = new PassThrough();
  Object.assign(stream, { headers });
  setImmediate(() => {
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
  });
  return stream as unknown as IncomingMessage;
}

describe(readRequestBody.name, () => {
  it('reads the whole body, whatever the content type', async () => {
    const body = await readRequestBody(request(['{"a":', '1}'], { 'content-type': 'text/plain' }), 100);
    expect(body.toString()).toBe('{"a":1}');
  });

  it('reads an empty body', async () => {
    expect((await readRequestBody(request([]), 100)).length).toBe(0);
  });

  it('rejects a body past the limit only after reading it off the connection', async () => {
    const stream = request(['x'.repeat(60), 'y'.repeat(60)]);
    await expect(readRequestBody(stream, 100)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(stream.readableEnded).toBe(true);
  });

  it('rejects a declared Content-Length past the limit', async () => {
    await expect(readRequestBody(request(['{}'], { 'content-length': '101' }), 100)).rejects.toThrow(
      'larger than 100 bytes',
    );
  });
});
