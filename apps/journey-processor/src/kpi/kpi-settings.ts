import { PipelineEnv, activityWindowMs } from '@pipeline/app-config';
import { ValueProvider } from '@nestjs/common';

/** What the KPI report needs from configuration beyond the processor settings, resolved once at boot. */
export interface KpiSettings {
  /** A customer is active at t with a purchase in [t - activityWindowMs, t) (ACTIVITY_WINDOW_DAYS). */
  readonly activityWindowMs: number;
}

export const KPI_SETTINGS = Symbol('KPI_SETTINGS');

export function kpiSettingsProvider(env: PipelineEnv): ValueProvider<KpiSettings> {
  return { provide: KPI_SETTINGS, useValue: { activityWindowMs: activityWindowMs(env) } };
}
