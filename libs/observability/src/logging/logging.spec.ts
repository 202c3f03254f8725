import { batchCorrelationId } from './batch-correlation-id';
import { loggablePath } from './loggable-path';
import { pinoLevel } from './pino-level';

describe(loggablePath.name, () => {
  it.each([
    ['/customers/cust-42/journey', '/customers/:customerId/journey'],
    ['/customers/a%40b.com/journey?x=1', '/customers/:customerId/journey'],
    ['/kpis?from=2026-01-01&to=2026-02-01', '/kpis'],
    ['/health/ready', '/health/ready'],
    ['/customers/', '/customers/'],
    [undefined, ''],
  ])('logs %s as %s', (url, expected) => {
    expect(loggablePath(url)).toBe(expected);
  });
});

describe(batchCorrelationId.name, () => {
  it('names a batch by topic, partition and first offset', () => {
    expect(batchCorrelationId({ topic: 'journey.awareness.v1', partition: 3, firstOffset: '120' })).toBe(
      'journey.awareness.v1-3-120',
    );
  });

  it('names a gathered unit by its first batch and how many others it holds', () => {
    const unit = [
      { topic: 'journey.awareness.v1', partition: 3, firstOffset: '120' },
      { topic: 'journey.conversion.v1', partition: 0, firstOffset: '7' },
    ];
    expect(batchCorrelationId(unit)).toBe('journey.awareness.v1-3-120+1');
    expect(batchCorrelationId(unit.slice(1))).toBe('journey.conversion.v1-0-7');
  });

  it.each([null, 'x', { topic: 't', partition: '3', firstOffset: '1' }, {}, [], [{}]])(
    'has no id for %p, which is not a batch',
    (payload) => {
      expect(batchCorrelationId(payload)).toBeUndefined();
    },
  );
});

describe(pinoLevel.name, () => {
  it("maps Nest's level names onto pino's", () => {
    expect(['error', 'warn', 'log', 'debug', 'verbose'].map((l) => pinoLevel(l as never))).toEqual([
      'error',
      'warn',
      'info',
      'debug',
      'trace',
    ]);
  });
});
