import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import { isCurrencyCode, toMinorUnits } from '../money';

function currencyOf(args: ValidationArguments): string {
  const currency = (args.object as { currency?: unknown }).currency;
  // An invalid currency is reported on its own field; check the amount's shape against 2 digits meanwhile.
  return isCurrencyCode(currency) ? currency : 'USD';
}

/**
 * A non-negative amount in major units (JSON number or decimal string) with at most the minor digits
 * of the sibling `currency` field.
 */
export function IsDecimalAmount(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isDecimalAmount',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          args !== undefined && toMinorUnits(value, currencyOf(args)).ok,
        defaultMessage: (args: ValidationArguments) => {
          const result = toMinorUnits(args.value, currencyOf(args));
          return `${args.property} ${result.ok ? 'is invalid' : result.message}`;
        },
      },
    });
  };
}
