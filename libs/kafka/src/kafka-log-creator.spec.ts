import type { LoggerService } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { nestKafkaLogCreator } from './kafka-log-creator';

function recordingLogger(): LoggerService & { lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  const record = (level: string) => (message: unknown) => lines.push([level, String(message)]);
  return {
    lines,
    log: record('log'),
    error: record('error'),
    warn: record('warn'),
    debug: record('debug'),
  };
}

describe(nestKafkaLogCreator.name, () => {
  it('maps kafkajs levels to Nest logger methods', () => {
    const logger = recordingLogger();
    const log = nestKafkaLogCreator(logger)(logLevel.WARN);
    for (const level of [logLevel.ERROR, logLevel.WARN, logLevel.INFO, logLevel.DEBUG]) {
      log({ namespace: 'Runner', level, label: '', log: { timestamp: 't', message: 'm' } });
    }
    expect(logger.lines.map(([level]) => level)).toEqual(['error', 'warn', 'log', 'debug']);
    expect(logger.lines[0]?.[1]).toBe('[Runner] m');
  });

  it('never logs credentials found in the extras', () => {
    const logger = recordingLogger();
    nestKafkaLogCreator(logger)(logLevel.WARN)({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: 't',
        message: 'Connection error',
        broker: 'kafka:9093',
        sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 'hunter2' },
        nested: { password: 'hunter3', token: 'abc' },
      },
    });
    const line = logger.lines[0]?.[1];
    expect(line).toContain('kafka:9093');
    expect(line).not.toMatch(/hunter2|hunter3|abc|svc/);
  });
});
