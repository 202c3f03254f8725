import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { storage } from 'nestjs-pino/storage';
import { pino } from 'pino';
import { firstValueFrom, of, defer } from 'rxjs';
import { BatchLogContextInterceptor } from './batch-log-context.interceptor';

function rpcContext(data: unknown): ExecutionContext {
  return {
    getType: () => 'rpc',
    switchToRpc: () => ({ getData: () => data, getContext: () => undefined }),
  } as unknown as ExecutionContext;
}

describe(BatchLogContextInterceptor.name, () => {
  const interceptor = new BatchLogContextInterceptor(pino({ level: 'silent' }));

  it('binds the batch id to the logger every log line of the handler uses, across awaits', async () => {
    const handler: CallHandler = {
      handle: () =>
        defer(async () => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return storage.getStore()?.logger.bindings();
        }),
    };
    const bindings = await firstValueFrom(
      interceptor.intercept(
        rpcContext({ topic: 'journey.awareness.v1', partition: 2, firstOffset: '41' }),
        handler,
      ),
    );
    expect(bindings).toMatchObject({ batch: 'journey.awareness.v1-2-41' });
  });

  it('leaves HTTP requests to nestjs-pino', async () => {
    const http = { getType: () => 'http' } as unknown as ExecutionContext;
    const handler: CallHandler = { handle: () => of(storage.getStore()) };
    expect(await firstValueFrom(interceptor.intercept(http, handler))).toBeUndefined();
  });
});
