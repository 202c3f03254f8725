import { randomUUID } from 'node:crypto';

/** Makes the eventId of an event that arrives without one. */
export type EventIdGenerator = () => string;

/**
 * A random UUID v4 (122 random bits from the platform CSPRNG): it fits the contract's identifier
 * rule, and two storefront processes never draw the same one.
 */
export const uuidV4EventId: EventIdGenerator = () => randomUUID();
