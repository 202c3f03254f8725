import { Controller, Get, Header } from '@nestjs/common';
import type { OpsSnapshot } from './ops-snapshot';
import { OpsSnapshotService } from './ops-snapshot.service';

/** `GET /ops/snapshot`: consumer lag, counters and their recent history as JSON, for the dashboard. */
@Controller('ops')
export class OpsSnapshotController {
  constructor(private readonly ops: OpsSnapshotService) {}

  @Get('snapshot')
  @Header('Cache-Control', 'no-store')
  snapshot(): Promise<OpsSnapshot> {
    return this.ops.snapshot();
  }
}
