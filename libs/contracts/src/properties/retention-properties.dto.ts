import { IsIn, IsOptional } from 'class-validator';
import { INCIDENT_KINDS, IncidentKind } from '../event-types';
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
