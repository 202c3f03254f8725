/**
 * Customer, anonymous, event and other ids: 1-128 characters, starting with a letter or digit, then
 * letters, digits and `._:@+-/=|#~`. No whitespace, quotes or braces: every Redis key of a customer
 * carries the id as a cluster hash tag (`{customerId}`). UUIDs, ULIDs and e-mail-like ids
 * (`a+b@shop.example`) fit.
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@+\-/=|#~]{0,127}$/;
export const IDENTIFIER_MAX_LENGTH = 128;

/**
 * Joins ids in one string (population index members such as "<customerId> <orderId>"): a space,
 * which no identifier contains, so the first part is always the whole customer id.
 */
export const INDEX_MEMBER_SEPARATOR = ' ';

export const IDENTIFIER_RULE =
  'must be 1-128 characters, start with a letter or digit, then letters, digits and ._:@+-/=|#~ only';

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER_PATTERN.test(value);
}
