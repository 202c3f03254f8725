import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { JourneyEventEnvelopeDto } from '../envelope/journey-event-envelope.dto';
import { isEventType, isIdentityEventType, stageOfEventType } from '../event-types';
import { JourneyEvent } from '../journey-event';
import { PROPERTIES_DTO_BY_TYPE } from '../properties/properties-by-type';
import { IDENTITY_TOPIC, stageOfTopic } from '../topics';
import { fastValidateJourneyEnvelope } from './fast-journey-event';
import { firstValidationError } from './first-validation-error';
import { normalizeProperties } from './normalize-properties';
import { Rejection } from './rejection';
import { readEventBody } from './read-event-body';
import { validatedEpochMs } from './validated-epoch-ms';

export type ParseResult = { ok: true; event: JourneyEvent } | { ok: false; reason: Rejection };

export interface ParseOptions {
  /** The topic the message came from: an event of another stage's type is rejected. */
  readonly topic?: string;
}

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

function reject(reason: Rejection): ParseResult {
  return { ok: false, reason };
}

/**
 * Parses and validates one inbound message value against the v1 contract. Never throws on bad input:
 * every failure comes back as a typed rejection naming the field at fault.
 */
export function parseJourneyEvent(
  raw: Uint8Array | string | null | undefined,
  options: ParseOptions = {},
): ParseResult {
  const read = readEventBody(raw);
  if (!read.ok) return read;
  const { body } = read;
  if (isIdentityEventType(body.type)) {
    return reject({
      code: 'WRONG_TOPIC',
      field: 'type',
      message: `${body.type} is an identity event and belongs on ${IDENTITY_TOPIC}`,
    });
  }
  if (body.type !== undefined && !isEventType(body.type)) {
    return reject({
      code: 'UNKNOWN_EVENT_TYPE',
      field: 'type',
      message: `unknown event type ${JSON.stringify(body.type).slice(0, 64)}`,
    });
  }
  // Nearly every message is valid: the hand-written mirror of the DTOs clears those without building
  // instances. Anything it does not clear goes through class-validator, which words the rejection.
  const valid = fastValidateJourneyEnvelope(body);
  if (!valid) {
    const envelopeError = firstValidationError(
      validateSync(plainToInstance(JourneyEventEnvelopeDto, body), VALIDATION),
    );
    if (envelopeError) return reject({ code: 'INVALID_FIELD', ...envelopeError });
  }

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

  if (!valid) {
    const dto: new () => object = PROPERTIES_DTO_BY_TYPE[envelope.type];
    const propertiesError = firstValidationError(
      validateSync(plainToInstance(dto, envelope.properties), VALIDATION),
      'properties',
    );
    if (propertiesError) return reject({ code: 'INVALID_FIELD', ...propertiesError });
  }

  const event = {
    eventId: envelope.eventId,
    customerId: envelope.customerId,
    ...(envelope.anonymousId !== undefined && { anonymousId: envelope.anonymousId }),
    type: envelope.type,
    stage,
    occurredAt: validatedEpochMs(envelope.occurredAt),
    ...(envelope.sentAt !== undefined && { sentAt: validatedEpochMs(envelope.sentAt) }),
    ...(envelope.receivedAt !== undefined && { receivedAt: validatedEpochMs(envelope.receivedAt) }),
    ...(envelope.channel !== undefined && { channel: envelope.channel }),
    properties: normalizeProperties(envelope.type, envelope.properties, envelope.eventId),
    schemaVersion: 1,
  } as JourneyEvent;
  return { ok: true, event };
}
