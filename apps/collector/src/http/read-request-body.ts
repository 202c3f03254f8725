import type { IncomingMessage } from 'node:http';
import { decodeBody, parseContentEncoding } from './content-encoding';

/** The request body, once decoded, is larger than the collector accepts. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    decoded = false,
  ) {
    super(`the ${decoded ? 'decoded ' : ''}request body is larger than ${limitBytes} bytes`);
  }
}

/** The body is labelled with a Content-Encoding the collector does not decode. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(
      `Content-Encoding ${JSON.stringify(encoding)} is not supported: send gzip, deflate, br or identity`,
    );
  }
}

/** The body does not decode as its Content-Encoding says (corrupt or truncated). */
export class UndecodableBodyError extends Error {
  constructor(encoding: string, cause: unknown) {
    super(`the body is not valid ${encoding}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** The client closed the connection before the body was complete; nobody reads the answer. */
export class IncompleteBodyError extends Error {
  constructor() {
    super('the client closed the connection before the body was complete');
  }
}

/**
 * Reads the whole body as bytes, whatever its content type (browsers send beacons as text/plain to
 * avoid a preflight), and decodes its Content-Encoding (gzip, deflate, br; identity or none as it
 * is). `limitBytes` bounds both the bytes on the wire and the decoded bytes, the latter while
 * decoding, so a small compressed body cannot expand into memory exhaustion. Past the limit, or
 * with an encoding it cannot decode, it stops keeping data but reads the rest off the connection
 * before rejecting, as body-parser does, so the client finishes sending and can read the answer.
 */
export async function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const encoding = parseContentEncoding(request.headers['content-encoding']);
  if (!encoding.ok) {
    await readRawBody(request, 0).catch((error: unknown) => {
      if (!(error instanceof BodyTooLargeError)) throw error;
    });
    throw new UnsupportedEncodingError(encoding.given);
  }
  const raw = await readRawBody(request, limitBytes);
  if (encoding.coding === 'identity') return raw;
  try {
    return await decodeBody(raw, encoding.coding, limitBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new BodyTooLargeError(limitBytes, true);
    throw new UndecodableBodyError(encoding.coding, error);
  }
}

/** The bytes as sent, at most `limitBytes` of them. */
function readRawBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    let tooLarge = Number.isFinite(declared) && declared > limitBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limitBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanUp();
      if (tooLarge) reject(new BodyTooLargeError(limitBytes));
      else resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanUp();
      reject(error);
    };
    const onClose = (): void => {
      cleanUp();
      reject(new IncompleteBodyError());
    };
    const cleanUp = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onError);
    request.once('close', onClose);
  });
}
