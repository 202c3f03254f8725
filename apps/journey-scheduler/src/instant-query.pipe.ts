import { parseIsoTimestamp } from '@pipeline/contracts';
import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/**
 * An optional ISO-8601 instant with an offset (`2026-03-01T12:00:00Z`) as epoch ms, read by the
 * contract's own timestamp parser; absent stays undefined. A time without an offset is refused: it
 * would mean whatever the server's zone is.
 */
@Injectable()
export class ParseOptionalInstantPipe implements PipeTransform<unknown, number | undefined> {
  transform(value: unknown): number | undefined {
    if (value === undefined || value === '') return undefined;
    const parsed = parseIsoTimestamp(value);
    if (!parsed.ok) throw new BadRequestException(`now ${parsed.message}`);
    return parsed.epochMs;
  }
}
