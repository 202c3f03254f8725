import { ValidationOptions, registerDecorator } from 'class-validator';
import { isIdentifier } from '../identifiers';

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
        defaultMessage: () => '$property must be a 1-128 character identifier without spaces or braces',
      },
    });
  };
}
