/**
 * Customer, anonymous and event ids: 1-128 printable ASCII characters without whitespace, braces,
 * quotes or backslashes. Braces are excluded because every Redis key of a customer carries the id as
 * a cluster hash tag (`{customerId}`); e-mail-like ids (`a+b@shop.example`) are allowed.
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@+\-/=|#~]{0,127}$/;
export const IDENTIFIER_MAX_LENGTH = 128;

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER_PATTERN.test(value);
}
