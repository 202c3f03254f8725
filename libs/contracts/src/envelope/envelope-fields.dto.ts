import { Equals, IsIn, IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { IDENTIFIER_PATTERN, IDENTIFIER_RULE } from '../identifiers';
import { CHANNELS, Channel } from './channels';
import { IsIsoTimestamp } from './is-iso-timestamp.decorator';

export const SCHEMA_VERSION = 1 as const;

const ID_MESSAGE = `$property ${IDENTIFIER_RULE}`;

/**
 * The fields every inbound envelope shares (schema version 1), whatever its topic. Each envelope class
 * adds the `type` its topic accepts; `properties` is validated separately against the type's DTO.
 */
export abstract class EnvelopeFieldsDto {
  /** Producer-chosen idempotency key: the same eventId is counted once, however often it is sent. */
  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: ID_MESSAGE })
  eventId!: string;

  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: ID_MESSAGE })
  customerId!: string;

  @IsOptional()
  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: ID_MESSAGE })
  anonymousId?: string;

  /** When the customer did it, with its UTC offset. Journey state follows this clock. */
  @IsIsoTimestamp()
  occurredAt!: string;

  /** When the client sent it, by the client's own clock (used by the collector to correct skew). */
  @IsOptional()
  @IsIsoTimestamp()
  sentAt?: string;

  /** When the collector received it, by the collector's clock. */
  @IsOptional()
  @IsIsoTimestamp()
  receivedAt?: string;

  @IsOptional()
  @IsIn(CHANNELS, { message: `$property must be one of ${CHANNELS.join(', ')}` })
  channel?: Channel;

  @IsObject()
  properties!: Record<string, unknown>;

  @Equals(SCHEMA_VERSION, { message: `$property must be ${SCHEMA_VERSION}` })
  schemaVersion!: typeof SCHEMA_VERSION;
}
