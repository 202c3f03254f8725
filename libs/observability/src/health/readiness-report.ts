import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';

/** The `GET /health/ready` body when ready: terminus's result, `degraded` when any check says so. */
export type ReadinessReport = Omit<HealthCheckResult, 'status'> & { status: 'ok' | 'degraded' };

/** Marks a passing result `degraded` when one of its checks reported `degraded: true`. */
export function readinessReport(result: HealthCheckResult): ReadinessReport {
  const details: HealthIndicatorResult = result.details;
  const degraded = Object.values(details).some((check) => check['degraded'] === true);
  return { ...result, status: degraded ? 'degraded' : 'ok' };
}
