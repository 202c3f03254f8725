import { BacktestRequest } from '@pipeline/backtest';
import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

const FIELDS = ['calibrationEnd', 'holdoutEnd', 'timeUnit', 'topic', 'fromOffset'] as const;

/**
 * Reads a backtest request from a JSON body or a query string: an object whose known fields are
 * strings (fromOffset may be a whole number). Unknown fields are refused, so a typo is not silently
 * ignored; dates, unit, topic and offset are validated by the backtest library, which names the field.
 */
@Injectable()
export class BacktestRequestPipe implements PipeTransform<unknown, BacktestRequest> {
  transform(value: unknown): BacktestRequest {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new BadRequestException('expected an object with calibrationEnd and holdoutEnd');
    }
    const body = value as Record<string, unknown>;
    const unknown = Object.keys(body).filter((key) => !(FIELDS as readonly string[]).includes(key));
    if (unknown.length > 0) throw new BadRequestException(`unknown fields: ${unknown.join(', ')}`);
    const request: Record<string, string> = {};
    for (const field of FIELDS) {
      const raw = body[field];
      if (raw === undefined) continue;
      if (field === 'fromOffset' && typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) {
        request[field] = String(raw);
      } else if (typeof raw === 'string') {
        request[field] = raw;
      } else {
        throw new BadRequestException(`${field} must be a string`);
      }
    }
    return request;
  }
}
