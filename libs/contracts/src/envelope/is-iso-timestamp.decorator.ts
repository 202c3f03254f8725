import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import { parseIsoTimestamp } from './iso-timestamp';

/** Accepts an ISO-8601 string with an explicit offset that names a real calendar instant. */
export function IsIsoTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIsoTimestamp',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => parseIsoTimestamp(value).ok,
        defaultMessage: (args: ValidationArguments) => {
          const result = parseIsoTimestamp(args.value);
          return `${args.property} ${result.ok ? 'is invalid' : result.message}`;
        },
      },
    });
  };
}
