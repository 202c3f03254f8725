import { BadRequestException, Controller, Get, Headers, Inject, Query, Res, UseGuards } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { AdminKeyGuard } from '../erasure/admin-key.guard';
import { PROCESSOR_SETTINGS, ProcessorSettings } from '../processor-settings';
import { audienceCsv } from './audience-csv';
import { AudienceQuery, AudienceQueryParams, parseAudienceQuery } from './audience-query';
import { AudiencePageResponse, AudiencesService } from './audiences.service';

/**
 * `GET /audiences/customers` (JSON, or CSV on `Accept: text/csv`) and `GET /audiences/counts`, with
 * the same filters; admin key required, as for erasure. See docs/marketing.md.
 */
@Controller('audiences')
@UseGuards(AdminKeyGuard)
export class AudiencesController {
  constructor(
    private readonly audiences: AudiencesService,
    @Inject(PROCESSOR_SETTINGS) private readonly settings: ProcessorSettings,
  ) {}

  @Get('customers')
  async customers(
    @Query() params: AudienceQueryParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<AudiencePageResponse | string> {
    const page = await this.audiences.page(this.queryOf(params));
    if (!accept?.includes('text/csv')) return page;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    if (page.nextCursor !== null) response.setHeader('X-Next-Cursor', page.nextCursor);
    return audienceCsv(page.customers);
  }

  @Get('counts')
  counts(@Query() params: AudienceQueryParams): Promise<{ readonly count: number }> {
    return this.audiences.count(this.queryOf(params));
  }

  private queryOf(params: AudienceQueryParams): AudienceQuery {
    const parsed = parseAudienceQuery(params, this.settings.outputs.currency);
    if (!parsed.ok) throw new BadRequestException({ code: 'INVALID_QUERY', message: parsed.message });
    return parsed.query;
  }
}
