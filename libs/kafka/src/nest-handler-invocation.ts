import type { MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { KafkaHandlerError } from './kafka-handler.error';

/**
 * Calls a handler Nest registered for a pattern and settles when its work is done, rejecting when it
 * failed. `Server.handleEvent` is not used on purpose: for event handlers it subscribes to the result
 * and drops errors, because Nest's RPC proxy turns a thrown error into an erroring observable, and an
 * unseen failure would let the batch be committed.
 */
export async function invokeNestHandler(
  handler: MessageHandler,
  data: unknown,
  context: unknown,
): Promise<void> {
  try {
    const result: unknown = await handler(data, context);
    // `defaultValue` because an event handler's observable may complete without emitting.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  } catch (error) {
    throw error instanceof Error ? error : new KafkaHandlerError(error);
  }
}
