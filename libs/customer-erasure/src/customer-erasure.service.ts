import { isIdentifier } from '@pipeline/contracts';
import { JourneyState, decodeJourneyState } from '@pipeline/journey-domain';
import { KafkaPublisher } from '@pipeline/kafka';
import {
  AudienceIndexRepository,
  ErasureMark,
  JourneyErasureRepository,
  JourneyIndexRepository,
} from '@pipeline/redis-store';
import { customerErasedMessage } from './customer-erased.message';
import { profileTombstoneMessage } from './profile-tombstone.message';

/** What one erasure did. */
export interface ErasureReport {
  readonly customerId: string;
  /** When the customer was first erased (ISO-8601, UTC); a repeated erasure reports the first time. */
  readonly erasedAt: string;
  /** False when the customer had been erased before: this call only completed or repeated it. */
  readonly firstErasure: boolean;
  /** Whether the pipeline still held a journey (or a link) for the customer. */
  readonly journeyFound: boolean;
  /** Anonymous ids merged into the customer, erased with it. */
  readonly anonymousIdsErased: readonly string[];
}

/**
 * The right to be forgotten, for the pipeline's own state and outputs. For a customer and the
 * anonymous ids merged into it (the same person, seen before sign-in):
 *
 * 1. mark each journey hash erased: from then on no batch, identify or job writes under the id, and
 *    late events for it are dropped;
 * 2. remove the ids from every population index and the audience indexes;
 * 3. publish `customer.erased.v1` for each id, so downstream consumers erase what they derived, and
 *    a tombstone on the compacted `customer.profile.v1`, so compaction removes the id's profiles;
 * 4. seal each hash: only the tombstone (`x` = erasedAt) stays, the minimum that lets the pipeline
 *    refuse late events. Journey, outbox and links are gone.
 *
 * Every step is idempotent and the hash keeps what the next steps need until the last one, so an
 * erasure that fails half-way is completed by running it again (same erasedAt, same event ids).
 * An unknown customer is erased all the same: its tombstone drops events still on their way.
 * Raw input topics are not touched: they keep events until their retention.
 */
export class CustomerErasureService {
  constructor(
    private readonly erasures: JourneyErasureRepository,
    private readonly indexes: JourneyIndexRepository,
    private readonly publisher: KafkaPublisher,
    private readonly audiences: AudienceIndexRepository,
  ) {}

  async erase(customerId: string, now: number = Date.now()): Promise<ErasureReport> {
    if (!isIdentifier(customerId)) throw new RangeError('customerId is not a valid identifier');
    const mark = await this.erasures.mark(customerId, now);
    const anonymousIds = (stateOf(mark)?.mrg ?? []).filter((id) => id !== customerId);
    await Promise.all(anonymousIds.map((id) => this.erasures.mark(id, mark.erasedAt)));
    const ids = [customerId, ...anonymousIds];
    await this.indexes.removeCustomers(ids);
    await this.audiences.remove(ids);
    await this.publisher.publish([
      ...ids.map((id) => customerErasedMessage(id, mark.erasedAt)),
      ...ids.map((id) => profileTombstoneMessage(id, mark.erasedAt)),
    ]);
    await this.erasures.seal(ids);
    return {
      customerId,
      erasedAt: new Date(mark.erasedAt).toISOString(),
      firstErasure: mark.first,
      journeyFound: mark.data !== null || mark.linkedTo !== null,
      anonymousIdsErased: anonymousIds,
    };
  }
}

/**
 * The state found beside the tombstone. An unreadable one still gets erased: only the links it would
 * name are lost, and the journey script refuses writes to those ids' customer anyway.
 */
function stateOf(mark: ErasureMark): JourneyState | undefined {
  if (mark.data === null) return undefined;
  const decoded = decodeJourneyState(mark.data);
  return decoded.ok ? decoded.state : undefined;
}
