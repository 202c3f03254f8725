/** Tuning of a {@link JourneyStateRepository}. */
export interface JourneyStateRepositoryOptions {
  /**
   * Longest a batch may take, waiting for a cluster to become ready included, in ms. Default 10000.
   * A standalone client also fails earlier on its own command timeout.
   */
  readonly batchTimeoutMs?: number;
}
