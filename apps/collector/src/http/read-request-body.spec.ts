import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import {
  BodyTooLargeError,
  IncompleteBodyError,
  UndecodableBodyError,
  UnsupportedEncodingError,
  readRequestBody,
} from './read-request-body';

function request(
  chunks: ReadonlyArray<string | Buffer>,
  headers: Record<string, string> = {},
): IncomingMessage {
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

  it('tells a body the client abandoned from a failure', async () => {
    const stream = new PassThrough();
    Object.assign(stream, { headers: {} });
    setImmediate(() => {
      stream.write('{"a":');
      stream.destroy();
    });
    await expect(readRequestBody(stream as unknown as IncomingMessage, 100)).rejects.toBeInstanceOf(
      IncompleteBodyError,
    );
  });

  describe('Content-Encoding', () => {
    const json = JSON.stringify({ customerId: 'c-1', events: 'x'.repeat(500) });
    const encoded = (encoding: string, body: Buffer): IncomingMessage =>
      request([body], { 'content-encoding': encoding });

    it.each([
      ['gzip', gzipSync(json)],
      ['x-gzip', gzipSync(json)],
      ['GZIP', gzipSync(json)],
      ['deflate', deflateSync(json)],
      ['deflate', deflateRawSync(json)],
      ['br', brotliCompressSync(json)],
    ])('decodes a %s body', async (encoding, body) => {
      expect((await readRequestBody(encoded(encoding, body), 1_000)).toString()).toBe(json);
    });

    it('reads identity as it is', async () => {
      expect((await readRequestBody(encoded('identity', Buffer.from(json)), 1_000)).toString()).toBe(json);
    });

    it.each([
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ])('answers a %s bomb with 413 once the decoded size passes the limit', async (encoding, compress) => {
      // 16 MiB of zeros compress to a few kilobytes: well under the limit on the wire.
      const bomb = compress(Buffer.alloc(16 * 1024 * 1024));
      expect(bomb.length).toBeLessThan(20 * 1024);
      const read = readRequestBody(encoded(encoding, bomb), 100 * 1024);
      await expect(read).rejects.toBeInstanceOf(BodyTooLargeError);
      await expect(read).rejects.toThrow('the decoded request body is larger than 102400 bytes');
    });

    it('bounds the compressed bytes on the wire by the same limit', async () => {
      const random = randomBytes(4_000);
      await expect(readRequestBody(encoded('gzip', gzipSync(random)), 1_000)).rejects.toThrow(
        'the request body is larger than 1000 bytes',
      );
    });

    it('refuses an encoding it does not decode, after reading the body off the connection', async () => {
      const stream = encoded('compress', Buffer.from(json));
      const read = readRequestBody(stream, 1_000);
      await expect(read).rejects.toBeInstanceOf(UnsupportedEncodingError);
      await expect(read).rejects.toThrow('Content-Encoding "compress" is not supported');
      expect(stream.readableEnded).toBe(true);
    });

    it('refuses a stack of codings', async () => {
      const body = gzipSync(gzipSync(json));
      await expect(readRequestBody(encoded('gzip, gzip', body), 1_000)).rejects.toBeInstanceOf(
        UnsupportedEncodingError,
      );
    });

    it.each([
      ['gzip', Buffer.from(json)],
      ['gzip', gzipSync(json).subarray(0, 20)],
      ['deflate', Buffer.from('not deflate at all')],
      ['br', Buffer.from('not brotli at all')],
    ])('rejects a %s body that does not decode', async (encoding, body) => {
      await expect(readRequestBody(encoded(encoding, body), 1_000)).rejects.toBeInstanceOf(
        UndecodableBodyError,
      );
    });
  });
});
