import type { MessageHandler } from '@nestjs/microservices';
import { EMPTY, of, throwError } from 'rxjs';
import { KafkaHandlerError } from './kafka-handler.error';
import { invokeNestHandler } from './nest-handler-invocation';

// The shapes Nest's RPC proxy hands back: a value, an observable, or (for a thrown error, after its
// default exception filter) an observable that errors with `{ status, message }`.
const handlerReturning =
  (result: unknown): MessageHandler =>
  () =>
    Promise.resolve(result);

describe(invokeNestHandler.name, () => {
  it('settles when a promise handler resolves', async () => {
    await expect(invokeNestHandler(handlerReturning(undefined), {}, {})).resolves.toBeUndefined();
  });

  it('waits for an observable to complete, even without emitting', async () => {
    await expect(invokeNestHandler(handlerReturning(EMPTY), {}, {})).resolves.toBeUndefined();
    await expect(invokeNestHandler(handlerReturning(of(1, 2)), {}, {})).resolves.toBeUndefined();
  });

  it("rejects with the handler's Error", async () => {
    const failure = new Error('redis down');
    const handler: MessageHandler = () => Promise.reject(failure);
    await expect(invokeNestHandler(handler, {}, {})).rejects.toBe(failure);
  });

  it("wraps Nest's error object from an erroring observable", async () => {
    const nestError = { status: 'error', message: 'Internal server error' };
    const invocation = invokeNestHandler(handlerReturning(throwError(() => nestError)), {}, {});
    await expect(invocation).rejects.toBeInstanceOf(KafkaHandlerError);
    await expect(invocation).rejects.toMatchObject({
      message: 'batch handler failed: Internal server error',
      cause: nestError,
    });
  });
});
