import { ValidationOptions, registerDecorator } from 'class-validator';

export const LABEL_MAX_LENGTH = 256;

/** Free text such as a campaign name or a comment: a string of 1 to `max` characters. */
export function IsLabel(max: number = LABEL_MAX_LENGTH, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isLabel',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length >= 1 && value.length <= max,
        defaultMessage: () => `$property must be a string of 1 to ${max} characters`,
      },
    });
  };
}
