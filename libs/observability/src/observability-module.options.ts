/** The Nest log level names the pipeline's LOG_LEVEL accepts, most severe first. */
export type NestLogLevelName = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

/** Options of `ObservabilityModule.forRoot`. */
export interface ObservabilityModuleOptions {
  /** Names the service in every log line. */
  readonly serviceName: string;
  /** The most detailed level logged (LOG_LEVEL). */
  readonly logLevel: NestLogLevelName;
  /** Total consumer lag above which readiness reports `degraded` (still 200). Default 10000. */
  readonly readyLagThreshold?: number;
  /** How often the consumer lag is read from Kafka, in ms. Default 5000. */
  readonly lagPollMs?: number;
  /** How much lag and throughput history the ops snapshot keeps, in ms. Default 15 minutes. */
  readonly historyMs?: number;
  /**
   * Serve the live dashboard at `GET /dashboard`. Default false. Its page is copied next to the
   * compiled code by the app's `assets` entry in nest-cli.json, which the app must then have.
   */
  readonly dashboard?: boolean;
  /**
   * The service consumes Kafka through a `KafkaBatchServer`: consumer-group readiness, lag metrics, the
   * pipeline counters and the ops snapshot. Default true; false for a service that only serves HTTP and
   * produces (the collector), which then gets metrics, health and logs only.
   */
  readonly consumer?: boolean;
}

export type ResolvedObservabilityOptions = Required<ObservabilityModuleOptions>;

/** Applies defaults; throws a RangeError naming the option that cannot work. */
export function resolveObservabilityOptions(
  options: ObservabilityModuleOptions,
): ResolvedObservabilityOptions {
  const resolved: ResolvedObservabilityOptions = {
    serviceName: options.serviceName,
    logLevel: options.logLevel,
    readyLagThreshold: options.readyLagThreshold ?? 10_000,
    lagPollMs: options.lagPollMs ?? 5_000,
    historyMs: options.historyMs ?? 15 * 60_000,
    dashboard: options.dashboard ?? false,
    consumer: options.consumer ?? true,
  };
  if (resolved.dashboard && !resolved.consumer)
    throw new RangeError('ObservabilityModuleOptions.dashboard needs consumer: the page shows its lag');
  if (!(resolved.lagPollMs >= 100))
    throw new RangeError('ObservabilityModuleOptions.lagPollMs must be >= 100');
  if (!(resolved.readyLagThreshold >= 0)) {
    throw new RangeError('ObservabilityModuleOptions.readyLagThreshold must be >= 0');
  }
  return resolved;
}
