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
  it('reads bare dates as their whole UTC day, inclusive, and defaults to weeks, the pipeline topic and the earliest offset', () => {
    expect(
      parseBacktestRequest({ calibrationEnd: '2026-01-01', holdoutEnd: '2026-07-01' }, DEFAULTS),
    ).toEqual({
      topic: 'journey.conversion.v1',
      calibrationEnd: Date.UTC(2026, 0, 1, 23, 59, 59, 999),
      holdoutEnd: Date.UTC(2026, 6, 1, 23, 59, 59, 999),
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

  it('takes the dates of a 1990s history', () => {
    expect(
      parseBacktestRequest({ calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' }, DEFAULTS),
    ).toMatchObject({
      calibrationEnd: Date.parse('1997-09-30T23:59:59.999Z'),
      holdoutEnd: Date.parse('1998-06-30T23:59:59.999Z'),
    });
    expect(problems({ calibrationEnd: '1969-12-31', holdoutEnd: '1998-06-30' })).toContain(
      'calibrationEnd is outside 1970-01-01',
    );
  });

  it('keeps a full instant exact, midnight included', () => {
    expect(
      parseBacktestRequest(
        { calibrationEnd: '2026-01-01T00:00:00Z', holdoutEnd: '2026-02-01T00:00:00.000Z' },
        DEFAULTS,
      ),
    ).toMatchObject({ calibrationEnd: Date.UTC(2026, 0, 1), holdoutEnd: Date.UTC(2026, 1, 1) });
  });

  it('refuses a holdout date that is today: its day is not over', () => {
    const now = Date.UTC(2026, 5, 30, 18);
    expect(() =>
      parseBacktestRequest({ calibrationEnd: '2026-01-01', holdoutEnd: '2026-06-30' }, { ...DEFAULTS, now }),
    ).toThrow(/in the future/);
    expect(
      parseBacktestRequest({ calibrationEnd: '2026-01-01', holdoutEnd: '2026-06-29' }, { ...DEFAULTS, now })
        .holdoutEnd,
    ).toBe(Date.UTC(2026, 5, 29, 23, 59, 59, 999));
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
