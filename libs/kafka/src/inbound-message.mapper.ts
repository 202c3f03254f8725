import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { InboundHeader, InboundMessage } from './inbound-batch';

function headerText(value: IHeaders[string]): string | undefined {
  if (value === undefined) return undefined;
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (last === undefined) return undefined;
  return Buffer.isBuffer(last) ? last.toString('utf8') : last;
}

/** Decodes headers to UTF-8 strings; a repeated header keeps its last value. */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  if (!headers) return decoded;
  for (const [name, value] of Object.entries(headers)) {
    const text = headerText(value);
    if (text !== undefined) decoded[name] = text;
  }
  return decoded;
}

/**
 * Every header value as bytes, repeated names kept in the order received. A string value (kafkajs
 * types allow one) is taken as its UTF-8 bytes; a null value stays null.
 */
export function rawHeaders(headers: IHeaders | undefined): InboundHeader[] {
  const raw: InboundHeader[] = [];
  if (!headers) return raw;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      raw.push({ name, value: one === null ? null : Buffer.isBuffer(one) ? one : Buffer.from(one, 'utf8') });
    }
  }
  return raw;
}

/** The handler's view of a kafkajs record. */
export function toInboundMessage(message: KafkaMessage): InboundMessage {
  return {
    key: message.key ?? null,
    value: message.value ?? null,
    offset: message.offset,
    timestamp: message.timestamp,
    headers: decodeHeaders(message.headers),
    rawHeaders: rawHeaders(message.headers),
  };
}
