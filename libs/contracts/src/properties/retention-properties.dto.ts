import { IsIn, IsOptional } from 'class-validator';
import {
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  ConsentChannel,
  ConsentStatus,
  INCIDENT_KINDS,
  IncidentKind,
} from '../event-types';
import { IsIdentifier } from './is-identifier.decorator';
import { IsLabel } from './is-label.decorator';

export class RepeatVisitPropertiesDto {
  @IsOptional()
  @IsLabel(128)
  source?: string;
}

export class LoyaltyJoinedPropertiesDto {
  @IsOptional()
  @IsIdentifier()
  programId?: string;

  @IsOptional()
  @IsLabel(64)
  tier?: string;
}

export class SubscriptionRenewedPropertiesDto {
  @IsIdentifier()
  subscriptionId!: string;
}

export class SubscriptionCancelledPropertiesDto {
  @IsIdentifier()
  subscriptionId!: string;

  @IsOptional()
  @IsLabel()
  reason?: string;
}

export class IncidentReportedPropertiesDto {
  @IsIdentifier()
  incidentId!: string;

  @IsIn(INCIDENT_KINDS, {
    message: `$property must be one of ${INCIDENT_KINDS.join(', ')}`,
  })
  kind!: IncidentKind;
}

export class IncidentResolvedPropertiesDto {
  @IsIdentifier()
  incidentId!: string;
}

/** A consent answer for one channel; its time is the event's occurredAt. */
export class ConsentUpdatedPropertiesDto {
  @IsIn(CONSENT_CHANNELS, {
    message: `$property must be one of ${CONSENT_CHANNELS.join(', ')}`,
  })
  channel!: ConsentChannel;

  @IsIn(CONSENT_STATUSES, {
    message: `$property must be one of ${CONSENT_STATUSES.join(', ')}`,
  })
  status!: ConsentStatus;

  /** Where the answer was given: a preference centre, a checkout box, an unsubscribe link ... */
  @IsLabel(128)
  source!: string;
}
