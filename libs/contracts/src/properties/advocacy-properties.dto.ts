import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsIdentifier } from './is-identifier.decorator';
import { IsLabel } from './is-label.decorator';

/** A Net Promoter Score answer: 0-10, promoters 9-10, passives 7-8, detractors 0-6. */
export class NpsResponsePropertiesDto {
  @IsInt()
  @Min(0)
  @Max(10)
  score!: number;

  @IsOptional()
  @IsLabel(2000)
  comment?: string;
}

export class ReviewPostedPropertiesDto {
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @IsOptional()
  @IsIdentifier()
  productId?: string;
}

export class ReferralSentPropertiesDto {
  @IsOptional()
  @IsIdentifier()
  referralId?: string;
}

export class ReferralConvertedPropertiesDto {
  @IsOptional()
  @IsIdentifier()
  referralId?: string;

  @IsOptional()
  @IsIdentifier()
  referredCustomerId?: string;
}

export class SocialSharePropertiesDto {
  @IsOptional()
  @IsLabel(64)
  network?: string;

  @IsOptional()
  @IsIdentifier()
  productId?: string;
}
