import { BadRequestException } from '@nestjs/common';
import { BacktestRequestPipe } from './backtest-request.pipe';

describe(BacktestRequestPipe.name, () => {
  const pipe = new BacktestRequestPipe();

  it('passes the known string fields through and takes a numeric offset', () => {
    expect(
      pipe.transform({
        calibrationEnd: '2026-01-01',
        holdoutEnd: '2026-07-01',
        timeUnit: 'week',
        fromOffset: 12,
      }),
    ).toEqual({ calibrationEnd: '2026-01-01', holdoutEnd: '2026-07-01', timeUnit: 'week', fromOffset: '12' });
  });

  it('refuses a body that is not an object, unknown fields and non-string values', () => {
    expect(() => pipe.transform([])).toThrow(BadRequestException);
    expect(() => pipe.transform({ calibrationEnd: '2026-01-01', holdoutend: 'x' })).toThrow(
      'unknown fields: holdoutend',
    );
    expect(() => pipe.transform({ calibrationEnd: 20260101 })).toThrow('calibrationEnd must be a string');
    expect(() => pipe.transform({ fromOffset: -1 })).toThrow('fromOffset must be a string');
  });
});
