import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parseIsoTimestamp } from '../envelope/iso-timestamp';
import { JourneyEventEnvelopeDto } from '../envelope/journey-event-envelope.dto';
import { isEventType, stageOfEventType } from '../event-types';
import { JourneyEvent } from '../journey-event';
import { PROPERTIES_DTO_BY_TYPE } from '../properties/properties-by-type';
import { stageOfTopic } from '../topics';
import { firstValidationError } from './first-validation-error';
import { normalizeProperties } from './normalize-properties';
import { Rejection } from './rejection';
import { MAX_EVENT_BYTES, checkStructure } from './structure-guard';

export type ParseResult = { ok: true; event: JourneyEvent } | { ok: false; reason: Rejection };

export interface ParseOptions {
  /** The topic the message came from: an event of another stage's type is rejected. */
  readonly topic?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

function reject(reason: Rejection): ParseResult {
  return { ok: false, reason };
}

function decode(raw: Uint8Array | string | null | undefined): { text: string } | Rejection {
  if (raw === null || raw === undefined || raw.length === 0)
    return { code: 'NOT_JSON', message: 'message has no value' };
  if (typeof raw === 'string') {
    if (Buffer.byteLength(raw) > MAX_EVENT_BYTES)
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
 * Parses and validates one inbound message value against the v1 contract. Never throws on bad input:
 * every failure comes back as a typed rejection naming the field at fault.
 */
export function parseJourneyEvent(
  raw: Uint8Array | string | null | undefined,
  options: ParseOptions = {},
): ParseResult {
  const decoded = decode(raw);
  if ('code' in decoded) return reject(decoded);

  let plain: unknown;
  try {
    plain = JSON.parse(decoded.text);
  } catch (error) {
    return reject({ code: 'NOT_JSON', message: `value is not JSON: ${(error as Error).message}` });
  }
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return reject({ code: 'NOT_AN_OBJECT', message: 'value must be a JSON object' });
  }
  const unsafe = checkStructure(plain);
  if (unsafe) return reject(unsafe);

  const body = plain as Record<string, unknown>;
  const nullField = firstNullField(body);
  if (nullField) {
    return reject({
      code: 'INVALID_FIELD',
      field: nullField,
      message: 'must not be null; leave an optional field out instead',
    });
  }
  if (body.type !== undefined && !isEventType(body.type)) {
    return reject({
      code: 'UNKNOWN_EVENT_TYPE',
      field: 'type',
      message: `unknown event type ${JSON.stringify(body.type).slice(0, 64)}`,
    });
  }
  const envelopeError = firstValidationError(
    validateSync(plainToInstance(JourneyEventEnvelopeDto, body), VALIDATION),
  );
  if (envelopeError) return reject({ code: 'INVALID_FIELD', ...envelopeError });

  const envelope = body as unknown as JourneyEventEnvelopeDto;
  const stage = stageOfEventType(envelope.type);
  if (options.topic !== undefined) {
    const topicStage = stageOfTopic(options.topic);
    if (topicStage !== stage) {
      return reject({
        code: 'WRONG_TOPIC',
        field: 'type',
        message: `${envelope.type} is a ${stage} event and does not belong on ${options.topic}`,
      });
    }
  }

  const dto: new () => object = PROPERTIES_DTO_BY_TYPE[envelope.type];
  const propertiesError = firstValidationError(
    validateSync(plainToInstance(dto, envelope.properties), VALIDATION),
    'properties',
  );
  if (propertiesError) return reject({ code: 'INVALID_FIELD', ...propertiesError });

  const event = {
    eventId: envelope.eventId,
    customerId: envelope.customerId,
    ...(envelope.anonymousId !== undefined && { anonymousId: envelope.anonymousId }),
    type: envelope.type,
    stage,
    occurredAt: epochMs(envelope.occurredAt),
    ...(envelope.sentAt !== undefined && { sentAt: epochMs(envelope.sentAt) }),
    ...(envelope.receivedAt !== undefined && { receivedAt: epochMs(envelope.receivedAt) }),
    ...(envelope.channel !== undefined && { channel: envelope.channel }),
    properties: normalizeProperties(envelope.type, envelope.properties, envelope.eventId),
    schemaVersion: 1,
  } as JourneyEvent;
  return { ok: true, event };
}

function epochMs(iso: string): number {
  const parsed = parseIsoTimestamp(iso);
  if (!parsed.ok) throw new Error(`timestamp passed validation but does not parse: ${parsed.message}`);
  return parsed.epochMs;
}

/** The contract has no nullable fields: an optional field is left out, never sent as null. */
function firstNullField(body: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(body)) if (value === null) return key;
  const properties = body.properties;
  if (properties !== null && typeof properties === 'object' && !Array.isArray(properties)) {
    for (const [key, value] of Object.entries(properties)) if (value === null) return `properties.${key}`;
  }
  return undefined;
}
