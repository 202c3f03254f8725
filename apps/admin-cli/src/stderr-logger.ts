import type { LoggerService } from '@nestjs/common';

/**
 * Warnings and errors of the libraries the CLI uses, on stderr: stdout carries only the report, so
 * scripts can parse it. Routine log lines are dropped.
 */
export class StderrLogger implements LoggerService {
  log(): void {}

  warn(message: unknown, context?: unknown): void {
    this.write('WARN', message, context);
  }

  error(message: unknown, context?: unknown): void {
    this.write('ERROR', message, context);
  }

  private write(level: string, message: unknown, context: unknown): void {
    const where = typeof context === 'string' ? ` [${context}]` : '';
    process.stderr.write(
      `${level}${where} ${message instanceof Error ? message.message : String(message)}\n`,
    );
  }
}
