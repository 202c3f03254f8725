import { duplicateKeyRejection, findDuplicateKeys } from './duplicate-keys';
import { Rejection } from './rejection';
import { MAX_EVENT_BYTES, checkStructure } from './structure-guard';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(raw: Uint8Array | string | null | undefined): { text: string } | Rejection {
  if (raw === null || raw === undefined || raw.length === 0)
    return { code: 'NOT_JSON', message: 'message has no value' };
  if (typeof raw === 'string') {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes, so only long strings need counting.
    if (raw.length * 3 > MAX_EVENT_BYTES && Buffer.byteLength(raw) > MAX_EVENT_BYTES)
      return { code: 'UNSAFE_STRUCTURE', message: `larger than ${MAX_EVENT_BYTES} bytes` };
    return { text: raw };
  }
  if (raw.length > MAX_EVENT_BYTES)
    return { code: 'UNSAFE_STRUCTURE', message: `larger than ${MAX_EVENT_BYTES} bytes` };
  try {
    return { text: utf8.decode(raw) };
  } catch {
    return { code: 'NOT_JSON', message: 'value is not valid UTF-8' };
  }
}

/**
 * The checks every inbound message passes before any class mapping sees it, whatever its topic:
 * UTF-8 JSON, an object, within the structure limits, no key twice in one object, and no `null`
 * anywhere in the envelope or its properties. Returns the plain object, or the rejection.
 */
export function readEventBody(
  raw: Uint8Array | string | null | undefined,
): { ok: true; body: Record<string, unknown> } | { ok: false; reason: Rejection } {
  const decoded = decode(raw);
  if ('code' in decoded) return { ok: false, reason: decoded };

  let plain: unknown;
  try {
    plain = JSON.parse(decoded.text);
  } catch (error) {
    return {
      ok: false,
      reason: { code: 'NOT_JSON', message: `value is not JSON: ${(error as Error).message}` },
    };
  }
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, reason: { code: 'NOT_AN_OBJECT', message: 'value must be a JSON object' } };
  }
  const unsafe = checkStructure(plain);
  if (unsafe) return { ok: false, reason: unsafe };
  const [duplicate] = findDuplicateKeys(decoded.text);
  if (duplicate) return { ok: false, reason: duplicateKeyRejection(duplicate) };

  const body = plain as Record<string, unknown>;
  const nullField = firstNullField(body);
  if (nullField) {
    return {
      ok: false,
      reason: {
        code: 'INVALID_FIELD',
        field: nullField,
        message: 'must not be null; leave an optional field out instead',
      },
    };
  }
  return { ok: true, body };
}

/** The contract has no nullable fields: an optional field is left out, never sent as null. */
function firstNullField(body: Record<string, unknown>): string | undefined {
  const key = firstNullKey(body);
  if (key !== undefined) return key;
  const properties = body.properties;
  if (properties !== null && typeof properties === 'object' && !Array.isArray(properties)) {
    const propertyKey = firstNullKey(properties as Record<string, unknown>);
    if (propertyKey !== undefined) return `properties.${propertyKey}`;
  }
  return undefined;
}

/** The first own key, in Object.entries order, whose value is null; for..in spares the entries array. */
function firstNullKey(record: Readonly<Record<string, unknown>>): string | undefined {
  for (const key in record) if (Object.hasOwn(record, key) && record[key] === null) return key;
  return undefined;
}
