import { BacktestReport, BacktestRequest } from '@pipeline/backtest';
import { Body, Controller, Get, Header, HttpCode, Post, Query, UseFilters } from '@nestjs/common';
import { BacktestErrorFilter } from './backtest-error.filter';
import { BacktestRequestPipe } from './backtest-request.pipe';
import { BacktestService } from './backtest.service';

/**
 * `POST /backtests` replays the conversion topic and returns the JSON report; `GET
 * /backtests/report.html?calibrationEnd=...&holdoutEnd=...` the same backtest as a self-contained page.
 */
@Controller('backtests')
@UseFilters(BacktestErrorFilter)
export class BacktestController {
  constructor(private readonly backtests: BacktestService) {}

  @Post()
  @HttpCode(200)
  run(@Body(BacktestRequestPipe) request: BacktestRequest): Promise<BacktestReport> {
    return this.backtests.report(request);
  }

  @Get('report.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  html(@Query(BacktestRequestPipe) request: BacktestRequest): Promise<string> {
    return this.backtests.html(request);
  }
}
