import { BacktestError, BacktestErrorCode } from '@pipeline/backtest';
import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { BacktestBusyError } from './backtest-busy.error';

/** The little of the HTTP response the filter uses (the platform is Express). */
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

const STATUS: Readonly<Record<BacktestErrorCode, HttpStatus>> = {
  INVALID_OPTIONS: HttpStatus.BAD_REQUEST,
  TOPIC_NOT_FOUND: HttpStatus.NOT_FOUND,
  NOT_ENOUGH_DATA: HttpStatus.UNPROCESSABLE_ENTITY,
  REPLAY_STALLED: HttpStatus.GATEWAY_TIMEOUT,
};

/** Maps the backtest library's coded errors to HTTP statuses with the code in the body. */
@Catch(BacktestError, BacktestBusyError)
export class BacktestErrorFilter implements ExceptionFilter<BacktestError | BacktestBusyError> {
  catch(error: BacktestError | BacktestBusyError, host: ArgumentsHost): void {
    const status = error instanceof BacktestError ? STATUS[error.code] : HttpStatus.CONFLICT;
    const code = error instanceof BacktestError ? error.code : 'BUSY';
    host
      .switchToHttp()
      .getResponse<JsonResponse>()
      .status(status)
      .json({ statusCode: status, code, message: error.message });
  }
}
