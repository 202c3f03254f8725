import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { parseKpiPeriod } from './kpi-period';
import { KpiReportDto } from './kpi-report';
import { KpiService } from './kpi.service';

/** Read side: population KPIs over a period, `GET /kpis?from=&to=`. */
@Controller('kpis')
export class KpiController {
  constructor(private readonly kpis: KpiService) {}

  @Get()
  async report(@Query('from') from: unknown, @Query('to') to: unknown): Promise<KpiReportDto> {
    const parsed = parseKpiPeriod(from, to);
    if (!parsed.ok) throw new BadRequestException(parsed.message);
    return this.kpis.report(parsed.period);
  }
}
