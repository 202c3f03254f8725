import { ConflictException, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ChurnRescoreService, ChurnTickOutcome } from './churn-rescore.service';
import { ClvRefitOutcome, ClvRefitService } from './clv-refit.service';
import { ParseOptionalInstantPipe } from './instant-query.pipe';

type Ran<T> = Exclude<T, { status: 'busy' }>;

/** Runs a job now, for operators and tests; 409 while another run holds its lease. */
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly refits: ClvRefitService,
    private readonly churn: ChurnRescoreService,
  ) {}

  @Post('refit')
  @HttpCode(200)
  async refit(): Promise<Ran<ClvRefitOutcome>> {
    return ranOrConflict(await this.refits.refit());
  }

  /** `now` re-scores "as of" another instant (ISO-8601 with an offset); the wall clock by default. */
  @Post('churn-tick')
  @HttpCode(200)
  async churnTick(
    @Query('now', ParseOptionalInstantPipe) now: number | undefined,
  ): Promise<Ran<ChurnTickOutcome>> {
    return ranOrConflict(await this.churn.tick(now));
  }
}

function ranOrConflict<T extends { status: string }>(outcome: T): Ran<T> {
  if (outcome.status === 'busy') throw new ConflictException('the job is running elsewhere; try again later');
  return outcome as Ran<T>;
}
