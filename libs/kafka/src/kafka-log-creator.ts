import type { LoggerService } from '@nestjs/common';
import { logLevel, type LogEntry, type logCreator } from 'kafkajs';

// kafkajs passes broker and connection details as log extras; anything that looks like a credential
// is replaced before it reaches the log.
const SECRET_KEY = /pass|secret|token|sasl|ssl|credential|authoriz|private|cert/i;

function redact(key: string, value: unknown): unknown {
  return key !== '' && SECRET_KEY.test(key) ? '[redacted]' : value;
}

function formatEntry({ namespace, log }: LogEntry): string {
  const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
  const prefix = namespace ? `[${namespace}] ` : '';
  const details = Object.keys(extra).length > 0 ? ` ${safeStringify(extra)}` : '';
  return `${prefix}${String(message)}${details}`;
}

function safeStringify(value: object): string {
  try {
    return JSON.stringify(value, redact);
  } catch {
    return '[unserializable log extras]';
  }
}

/** A kafkajs `logCreator` that writes through a Nest logger and redacts credentials. */
export function nestKafkaLogCreator(logger: LoggerService): logCreator {
  return () => (entry: LogEntry) => {
    const line = formatEntry(entry);
    switch (entry.level) {
      case logLevel.ERROR:
        logger.error(line);
        break;
      case logLevel.WARN:
        logger.warn(line);
        break;
      case logLevel.INFO:
        logger.log(line);
        break;
      default:
        logger.debug?.(line);
    }
  };
}
