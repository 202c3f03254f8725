import { ValidationError } from 'class-validator';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The first failing constraint in a class-validator error tree, with its dotted field path. */
export function firstValidationError(
  errors: readonly ValidationError[],
  prefix = '',
): FieldError | undefined {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) {
      const message = messages[0];
      // class-validator's whitelist message already names the property; keep ours uniform.
      return {
        field,
        message: message.startsWith(error.property) ? message.slice(error.property.length).trim() : message,
      };
    }
    const nested = firstValidationError(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}
