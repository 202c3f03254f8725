import type { RedisClientOptions } from '../client/redis-client.options';
import type { StoredJourneyIndexer } from '../indexes/journey-index.repository';
import type { JourneyStateRepositoryOptions } from '../journey-state/journey-state-repository.options';

/** Options of {@link RedisStoreModule}. */
export interface RedisStoreModuleOptions {
  readonly client: RedisClientOptions;
  /** Prepended to every key the store writes, e.g. `pipeline:`. */
  readonly keyPrefix: string;
  readonly repository?: JourneyStateRepositoryOptions;
  /** Which index entries a stored journey calls for: the domain's `storedJourneyIndexEntries`. */
  readonly indexEntriesOfStoredJourney: StoredJourneyIndexer;
}
