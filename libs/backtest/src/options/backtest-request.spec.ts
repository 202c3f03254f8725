import { BacktestError } from '../backtest.error';
import { parseBacktestRequest } from './backtest-request';

const DEFAULTS = { topic: 'journey.conversion.v1', currency: 'EUR', now: Date.UTC(2026, 10, 1) };

function problems(request: Parameters<typeof parseBacktestRequest>[0]): string {
  try {
    parseBacktestRequest(request, DEFAULTS);
  } catch (error) {
    if (error instanceof BacktestError && error.code === 'INVALID_OPTIONS') return error.message;
    throw error;
  }
  throw new Error('expected INVALID_OPTIONS');
}

describe(parseBacktestRequest.name, () => {
  it('reads bare dates as midnight UTC and defaults to weeks, the pipeline topic and the earliest offset', () => {
    expect(
      parseBacktestRequest({ calibrationEnd: '2026-01-01', holdoutEnd: '2026-07-01' }, DEFAULTS),
    ).toEqual({
      topic: 'journey.conversion.v1',
      calibrationEnd: Date.UTC(2026, 0, 1),
      holdoutEnd: Date.UTC(2026, 6, 1),
      timeUnit: 'week',
      currency: 'EUR',
    });
  });

  it('takes instants with offsets, days, another topic and a start offset', () => {
    expect(
      parseBacktestRequest(
        {
          calibrationEnd: '2026-01-01T00:00:00+01:00',
          holdoutEnd: '2026-02-01T12:00:00Z',
          timeUnit: 'day',
          topic: 'backfill.orders',
          fromOffset: '42',
        },
        DEFAULTS,
      ),
    ).toMatchObject({
      calibrationEnd: Date.UTC(2025, 11, 31, 23),
      timeUnit: 'day',
      topic: 'backfill.orders',
      fromOffset: '42',
    });
    expect(
      parseBacktestRequest(
        { calibrationEnd: '2026-01-01', holdoutEnd: '2026-02-01', fromOffset: 'earliest' },
        DEFAULTS,
      ),
    ).not.toHaveProperty('fromOffset');
  });

  it('names every problem at once', () => {
    const message = problems({
      calibrationEnd: '2026-02-30',
      timeUnit: 'month',
      fromOffset: '-1',
      topic: 'a b',
    });
    expect(message).toContain('calibrationEnd is not a calendar date');
    expect(message).toContain('holdoutEnd is required');
    expect(message).toContain('timeUnit must be day or week');
    expect(message).toContain('fromOffset must be a whole offset');
    expect(message).toContain('topic must be a Kafka topic name');
  });

  it('refuses a holdout that does not end on a later day, or ends in the future', () => {
    expect(problems({ calibrationEnd: '2026-01-01', holdoutEnd: '2026-01-01T23:00:00Z' })).toContain(
      'later UTC day',
    );
    expect(problems({ calibrationEnd: '2026-01-01', holdoutEnd: '2026-12-01' })).toContain('in the future');
  });
});
