import { Controller, Post, Req, Res, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { ApiKeyGuard } from '../api-keys/api-key.guard';
import { collectorContext, type CollectorRequest } from '../http/collector-request';
import { IngestExceptionFilter } from '../http/ingest-exception.filter';
import { RequestBodyInterceptor } from '../http/request-body.interceptor';
import { writeJson } from '../http/write-json';
import { CollectorMetrics } from '../metrics/collector.metrics';
import type { IngestShape } from './ingest-body';
import { ingestReply } from './ingest-reply';
import { IngestService } from './ingest.service';

/** `POST /v1/events` (one envelope) and `POST /v1/batch` (`{ "events": [...] }`). */
@Controller('v1')
@UseGuards(ApiKeyGuard)
@UseInterceptors(RequestBodyInterceptor)
@UseFilters(IngestExceptionFilter)
export class EventsController {
  constructor(
    private readonly ingest: IngestService,
    private readonly metrics: CollectorMetrics,
  ) {}

  @Post('events')
  async event(@Req() request: CollectorRequest, @Res() response: ServerResponse): Promise<void> {
    await this.handle(request, response, 'event');
  }

  @Post('batch')
  async batch(@Req() request: CollectorRequest, @Res() response: ServerResponse): Promise<void> {
    await this.handle(request, response, 'batch');
  }

  private async handle(
    request: CollectorRequest,
    response: ServerResponse,
    shape: IngestShape,
  ): Promise<void> {
    const { grant, body, receivedAtMs } = collectorContext(request);
    if (grant === undefined || body === undefined)
      throw new Error('ApiKeyGuard or RequestBodyInterceptor did not run');
    const reply = ingestReply(await this.ingest.ingest({ grant, body, shape, receivedAtMs }), shape);
    this.metrics.requestAnswered(grant.id, reply.status, reply.reason);
    writeJson(response, reply.status, reply.headers, reply.body);
  }
}
