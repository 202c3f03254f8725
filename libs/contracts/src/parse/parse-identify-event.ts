import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IdentifyEnvelopeDto } from '../envelope/identify-envelope.dto';
import { isEventType, isIdentityEventType, stageOfEventType } from '../event-types';
import { IdentifyEvent } from '../identify-event';
import { IdentifyPropertiesDto } from '../properties/identity-properties.dto';
import { IDENTITY_TOPIC } from '../topics';
import { firstValidationError } from './first-validation-error';
import { readEventBody } from './read-event-body';
import { Rejection } from './rejection';
import { validatedEpochMs } from './validated-epoch-ms';

export type ParseIdentifyResult = { ok: true; event: IdentifyEvent } | { ok: false; reason: Rejection };

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

function reject(reason: Rejection): ParseIdentifyResult {
  return { ok: false, reason };
}

/**
 * Parses and validates one message of the identity topic. Beyond the schema: the anonymous id must
 * differ from the customer id, and an envelope `anonymousId`, when given, must name the same anonymous
 * id as `properties.anonymousId`. Never throws on bad input.
 */
export function parseIdentifyEvent(raw: Uint8Array | string | null | undefined): ParseIdentifyResult {
  const read = readEventBody(raw);
  if (!read.ok) return read;
  const { body } = read;
  if (isEventType(body.type)) {
    return reject({
      code: 'WRONG_TOPIC',
      field: 'type',
      message: `${body.type} is a ${stageOfEventType(body.type)} event and does not belong on ${IDENTITY_TOPIC}`,
    });
  }
  if (body.type !== undefined && !isIdentityEventType(body.type)) {
    return reject({
      code: 'UNKNOWN_EVENT_TYPE',
      field: 'type',
      message: `unknown event type ${JSON.stringify(body.type).slice(0, 64)}`,
    });
  }
  const envelopeError = firstValidationError(
    validateSync(plainToInstance(IdentifyEnvelopeDto, body), VALIDATION),
  );
  if (envelopeError) return reject({ code: 'INVALID_FIELD', ...envelopeError });
  const envelope = body as unknown as IdentifyEnvelopeDto;

  const propertiesError = firstValidationError(
    validateSync(plainToInstance(IdentifyPropertiesDto, envelope.properties), VALIDATION),
    'properties',
  );
  if (propertiesError) return reject({ code: 'INVALID_FIELD', ...propertiesError });
  const { anonymousId } = envelope.properties as unknown as IdentifyPropertiesDto;
  if (anonymousId === envelope.customerId) {
    return reject({
      code: 'INVALID_FIELD',
      field: 'properties.anonymousId',
      message: 'must differ from customerId: a journey cannot be linked to itself',
    });
  }
  if (envelope.anonymousId !== undefined && envelope.anonymousId !== anonymousId) {
    return reject({
      code: 'INVALID_FIELD',
      field: 'anonymousId',
      message: 'differs from properties.anonymousId; leave it out or send the same id',
    });
  }

  const event: IdentifyEvent = {
    eventId: envelope.eventId,
    customerId: envelope.customerId,
    type: envelope.type,
    occurredAt: validatedEpochMs(envelope.occurredAt),
    ...(envelope.sentAt !== undefined && { sentAt: validatedEpochMs(envelope.sentAt) }),
    ...(envelope.receivedAt !== undefined && { receivedAt: validatedEpochMs(envelope.receivedAt) }),
    ...(envelope.channel !== undefined && { channel: envelope.channel }),
    properties: { anonymousId },
    schemaVersion: 1,
  };
  return { ok: true, event };
}
