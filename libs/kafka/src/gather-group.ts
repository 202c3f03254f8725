import type { MessageHandler } from '@nestjs/microservices';

/**
 * The `@EventPattern` extras key naming a gather group: Nest registers one handler per pattern, so
 * the patterns of `@EventPattern([a, b], { [GATHER_GROUP]: 'stage-events' })` would otherwise form
 * separate units. Batches of topics in one group reach the handler of the unit's first topic together;
 * give a group's topics one handler method.
 */
export const GATHER_GROUP = 'gatherGroup';

/** The group key of a handler registered with a gather group, if any. */
export function gatherGroupOf(handler: MessageHandler): string | undefined {
  const group: unknown = handler.extras?.[GATHER_GROUP];
  return typeof group === 'string' && group !== '' ? `group: ${group}` : undefined;
}
