import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsCurrency } from './is-currency.decorator';
import { IsDecimalAmount } from './is-decimal-amount.decorator';
import { IsIdentifier } from './is-identifier.decorator';
import { IsLabel } from './is-label.decorator';

/** A product the customer looked at, with an optional list price. */
export class ProductViewedPropertiesDto {
  @IsIdentifier()
  productId!: string;

  @IsOptional()
  @IsLabel(128)
  category?: string;

  @IsOptional()
  @IsDecimalAmount()
  price?: number | string;

  @ValidateIf((o: ProductViewedPropertiesDto) => o.price !== undefined || o.currency !== undefined)
  @IsCurrency()
  currency?: string;
}

export class ProductComparedPropertiesDto {
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsIdentifier({ each: true })
  productIds!: string[];
}

export class AddedToCartPropertiesDto extends ProductViewedPropertiesDto {
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity!: number;
}

export class WishlistAddedPropertiesDto {
  @IsIdentifier()
  productId!: string;
}

export class TrialStartedPropertiesDto {
  /** The product or plan on trial. */
  @IsIdentifier()
  productId!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  trialDays?: number;
}

export class CheckoutStartedPropertiesDto {
  @IsOptional()
  @IsIdentifier()
  cartId?: string;

  /** Value of the cart at checkout, in major units of `currency`. */
  @IsOptional()
  @IsDecimalAmount()
  value?: number | string;

  @ValidateIf((o: CheckoutStartedPropertiesDto) => o.value !== undefined || o.currency !== undefined)
  @IsCurrency()
  currency?: string;
}
