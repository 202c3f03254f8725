import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ChurnRescoreService } from './churn-rescore.service';
import { ClvModelRepository } from './clv-model.repository';
import { ClvRefitService } from './clv-refit.service';
import { SCHEDULER_SETTINGS, SchedulerSettings } from './scheduler-settings';

/**
 * Runs the jobs on their timers: the churn tick every CHURN_TICK_MS, the refit every
 * REFIT_INTERVAL_MS and once at start when no model is stored yet. Each timer is re-armed after its
 * run ends, so runs of one job never overlap in this process (the leases keep instances apart). On
 * shutdown the timers are cleared, running jobs are asked to stop at their next step and awaited, so
 * Redis and Kafka close after them.
 */
@Injectable()
export class JobTimersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobTimersService.name);
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly stop = new AbortController();

  constructor(
    private readonly refit: ClvRefitService,
    private readonly churn: ChurnRescoreService,
    private readonly models: ClvModelRepository,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.timersEnabled) return;
    const signal = this.stop.signal;
    const hasModel = (await this.models.current()) !== undefined;
    this.every('clv-refit', this.settings.refit.intervalMs, hasModel, () => this.refit.refit(signal));
    this.every('churn-tick', this.settings.churn.tickMs, false, () => this.churn.tick(Date.now(), signal));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
  }

  /** Runs `job` now (unless `waitFirst`) and then `intervalMs` after each run ends. */
  private every(name: string, intervalMs: number, waitFirst: boolean, job: () => Promise<unknown>): void {
    const run = (): void => {
      if (this.stop.signal.aborted) return;
      const done = job()
        .then(() => undefined)
        .catch((error: unknown) => {
          this.logger.error(
            `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
        })
        .finally(() => {
          this.running.delete(done);
          arm();
        });
      this.running.add(done);
    };
    const arm = (): void => {
      if (this.stop.signal.aborted) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        run();
      }, intervalMs);
      this.timers.add(timer);
    };
    if (waitFirst) arm();
    else run();
  }
}
