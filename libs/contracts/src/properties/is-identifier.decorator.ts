import { ValidationOptions, registerDecorator } from 'class-validator';
import { IDENTIFIER_RULE, isIdentifier } from '../identifiers';

/** A 1-128 character identifier (order, product, incident ...), same alphabet as customer ids. */
export function IsIdentifier(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIdentifier',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => isIdentifier(value),
        defaultMessage: () => `$property ${IDENTIFIER_RULE}`,
      },
    });
  };
}
