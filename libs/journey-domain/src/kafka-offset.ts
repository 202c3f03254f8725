const DECIMAL_OFFSET = /^(?:0|[1-9]\d{0,19})$/;
const MAX_OFFSET = 0x7fff_ffff_ffff_ffffn;
/**
 * Digits of the largest offset (2^63 - 1). A shorter offset is below it, so only offsets this long
 * need the BigInt comparison, which would otherwise allocate for every message.
 */
const MAX_OFFSET_DIGITS = MAX_OFFSET.toString().length;

/**
 * Checks a Kafka offset: a non-negative 64-bit integer as a canonical decimal string (no sign, no
 * leading zeros), the form kafkajs hands out. Throws on anything else: a bad offset is a bug in the
 * caller, not bad input from a producer.
 */
export function assertKafkaOffset(offset: string): void {
  if (!DECIMAL_OFFSET.test(offset) || (offset.length >= MAX_OFFSET_DIGITS && BigInt(offset) > MAX_OFFSET)) {
    throw new RangeError(`not a Kafka offset: ${JSON.stringify(offset).slice(0, 40)}`);
  }
}

/**
 * Orders two canonical decimal offsets without losing precision above 2^53: a longer string is a
 * larger number, and equal lengths compare digit by digit.
 */
export function compareKafkaOffsets(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
