import type { Cluster, Redis } from 'ioredis';
import { journeyKey } from '../keys/journey-keys';
import { type KeyedCommand, pipelinePerNode } from '../pipeline/pipeline-per-node';
import { LINK_REPLY, defineJourneyLinkCommands } from '../scripts/journey-link.scripts';

const DEFAULT_BATCH_TIMEOUT_MS = 10_000;

/**
 * How a link attempt ended. `linked`: this call linked the id. `already-linked`: it was linked to the
 * same customer before. `linked-elsewhere`: it is linked to another customer. `erased`: the id was
 * erased. `conflict`: the id's journey changed since it was read; read it again.
 */
export type LinkOutcome = 'linked' | 'already-linked' | 'linked-elsewhere' | 'erased' | 'conflict';

/** One linked id whose merge is complete: everything but its link may go. */
export interface LinkRetirement {
  readonly linkedId: string;
  readonly customerId: string;
}

/**
 * Links between ids: an anonymous id linked to the customer it turned out to be. The link lives in the
 * anonymous id's own hash (field `a`), so routing an event costs nothing beyond reading the hash the
 * batch reads anyway, and it shares the slot of everything else kept under that id.
 */
export class JourneyLinkRepository {
  constructor(
    private readonly client: Redis | Cluster,
    private readonly keyPrefix: string,
    private readonly timeoutMs = DEFAULT_BATCH_TIMEOUT_MS,
  ) {
    defineJourneyLinkCommands(client);
  }

  /**
   * Links `linkedId` to `customerId` if its journey is still at `expectedVersion` and it is neither
   * linked nor erased. Its journey stays beside the link until {@link retire}.
   */
  async link(linkedId: string, expectedVersion: number, customerId: string): Promise<LinkOutcome> {
    const key = journeyKey(this.keyPrefix, linkedId);
    const [reply] = await this.send([
      { key, queue: (p) => p.journeyStoreLink(key, String(expectedVersion), customerId) },
    ]);
    const status = Array.isArray(reply) ? (reply as unknown[])[0] : undefined;
    switch (status) {
      case LINK_REPLY.linked:
        return 'linked';
      case LINK_REPLY.alreadyLinked:
        return 'already-linked';
      case LINK_REPLY.linkedElsewhere:
        return 'linked-elsewhere';
      case LINK_REPLY.erased:
        return 'erased';
      case LINK_REPLY.conflict:
        return 'conflict';
      default:
        throw new TypeError(`the link script returned ${JSON.stringify(reply)} for ${linkedId}`);
    }
  }

  /** Removes the link of `linkedId` if it points to `customerId`, handing the journey back to its id. */
  async unlink(linkedId: string, customerId: string): Promise<void> {
    const key = journeyKey(this.keyPrefix, linkedId);
    await this.send([{ key, queue: (p) => p.journeyStoreUnlink(key, customerId) }]);
  }

  /** Keeps only the link of each id still linked to the given customer; idempotent. */
  async retire(retirements: readonly LinkRetirement[]): Promise<void> {
    await this.send(
      retirements.map(({ linkedId, customerId }): KeyedCommand => {
        const key = journeyKey(this.keyPrefix, linkedId);
        return { key, queue: (p) => p.journeyStoreRetire(key, customerId) };
      }),
    );
  }

  private send(commands: readonly KeyedCommand[]): Promise<unknown[]> {
    return pipelinePerNode(this.client, commands, this.timeoutMs);
  }
}
