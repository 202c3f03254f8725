import { ValidationOptions, registerDecorator } from 'class-validator';
import { isCurrencyCode } from '../money';

/** An ISO 4217 currency code the runtime knows, upper case. */
export function IsCurrency(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCurrency',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => isCurrencyCode(value),
        defaultMessage: () => '$property must be an ISO 4217 currency code such as EUR',
      },
    });
  };
}
