import { deriveOutputs } from '@pipeline/journey-domain';
import { JobLeases, JourneyIndexRepository, JourneyIndexUpdate } from '@pipeline/redis-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClvModelRepository } from './clv-model.repository';
import { DerivedOutputsWriter } from './derived-outputs.writer';
import { NO_OUTPUTS, OutputCounts, addOutputCounts } from './output-counts';
import { SCHEDULER_SETTINGS, SchedulerSettings } from './scheduler-settings';

export const CHURN_TICK_JOB = 'churn-tick';

/** What one tick did. */
export type ChurnTickOutcome =
  | { readonly status: 'busy' }
  | {
      readonly status: 'done';
      /** The instant customers were scored at. */
      readonly now: string;
      readonly rounds: number;
      /** Customers still due when the round limit stopped the tick; the next tick continues. */
      readonly stillDue: boolean;
      readonly modelVersion: string | null;
      readonly outputs: OutputCounts;
    };

/**
 * Re-scores the churn risk of customers whose risk may have changed by time alone. The stream indexes
 * every scored customer by when that next happens (`idx:churn-due`), so a tick reads only the due
 * ones, never the whole population: round by round it takes up to a batch of them, scores each at
 * `now` with the current CLV models (P(alive) decays with time too), writes what changed, emits a
 * churn-risk event where the band moved, and rebuilds the customer's index entries, which moves its
 * due entry to the next review or removes it.
 */
@Injectable()
export class ChurnRescoreService {
  private readonly logger = new Logger(ChurnRescoreService.name);

  constructor(
    private readonly leases: JobLeases,
    private readonly indexes: JourneyIndexRepository,
    private readonly models: ClvModelRepository,
    private readonly writer: DerivedOutputsWriter,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
  ) {}

  /** @param now the instant to score at, epoch ms: the wall clock, or an "as of" time for ops and tests. */
  async tick(now: number = Date.now(), signal?: AbortSignal): Promise<ChurnTickOutcome> {
    const lease = await this.leases.acquire(CHURN_TICK_JOB);
    if (!lease) return { status: 'busy' };
    try {
      const model = await this.models.current();
      const { batch, maxRounds } = this.settings.churn;
      let outputs = NO_OUTPUTS;
      let rounds = 0;
      let stillDue = false;
      while (!signal?.aborted) {
        const due = await this.indexes.range('churn-due', '-inf', now, batch);
        if (due.length === 0) break;
        if (rounds === maxRounds) {
          stillDue = true;
          break;
        }
        rounds += 1;
        const dueAt = new Map(due.map((entry) => [entry.member, entry.score]));
        const report = await this.writer.write([...dueAt.keys()], (customerId, state, previous) =>
          deriveOutputs({
            customerId,
            state,
            previous,
            now,
            trigger: { kind: 'time', dueAt: dueAt.get(customerId) ?? now },
            settings: this.settings.outputs,
            model,
            recomputeClv: false,
          }),
        );
        outputs = addOutputCounts(outputs, report.counts);
        // A customer scored now is due again only later; one that cannot be scored (no journey, no
        // counted purchase any more) keeps a stale entry the index rebuild does not move: drop it, or
        // every tick would take it again.
        const missing = new Set(report.missing);
        const stale: JourneyIndexUpdate[] = [...dueAt.keys()]
          .filter((customerId) => {
            if (missing.has(customerId)) return true;
            const next = report.settled.get(customerId)?.churn?.nextReviewAt;
            return report.settled.has(customerId) && (next === undefined || next === null || next <= now);
          })
          .map((customerId) => ({
            customerId,
            version: report.versions.get(customerId) ?? 0,
            changes: [{ index: 'churn-due', op: 'remove', member: customerId }],
          }));
        await this.indexes.apply(stale);
        await lease.renew();
      }
      if (outputs.customers > 0) {
        this.logger.log(
          `re-scored ${outputs.customers} due customers as of ${new Date(now).toISOString()}: ` +
            `${outputs.churnRiskEvents} churn-risk events`,
        );
      }
      return {
        status: 'done',
        now: new Date(now).toISOString(),
        rounds,
        stillDue,
        modelVersion: model?.version ?? null,
        outputs,
      };
    } finally {
      await lease.release();
    }
  }
}
