import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
// nestjs-pino keeps the request-bound logger in this AsyncLocalStorage; binding a batch's logger the
// same way makes every Nest log line written while the batch runs carry its id.
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import { Observable, tap } from 'rxjs';
import { batchCorrelationId } from './batch-correlation-id';
import { ROOT_LOGGER } from './structured-logging';

/**
 * Binds `batch=<topic>-<partition>-<firstOffset>[+<other batches>]` to every log line written while a
 * Kafka batch (or a gathered unit of them) is handled, and logs the outcome at debug. HTTP requests are
 * left to nestjs-pino.
 */
@Injectable()
export class BatchLogContextInterceptor implements NestInterceptor {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const batch = batchCorrelationId(context.switchToRpc().getData());
    if (batch === undefined) return next.handle();
    const logger = this.root.child({ batch });
    const started = Date.now();
    return new Observable((subscriber) =>
      storage.run(new Store(logger), () =>
        next
          .handle()
          .pipe(tap((outcome) => logger.debug({ outcome, ms: Date.now() - started }, 'batch handled')))
          .subscribe(subscriber),
      ),
    );
  }
}
