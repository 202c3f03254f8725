import { BaseRpcContext } from '@nestjs/microservices';
import type { InboundBatch } from './inbound-batch';

/**
 * The `@Ctx()` of a `KafkaBatchServer` handler: the batch it was given, or every batch of a gathered
 * call (`gatherBatches`), in the order they were fetched.
 */
export class KafkaBatchContext extends BaseRpcContext<InboundBatch[]> {
  /** The first (for an ungathered handler: the only) batch. */
  getBatch(): InboundBatch {
    const [first] = this.args;
    if (first === undefined) throw new Error('KafkaBatchContext holds no batch');
    return first;
  }

  getBatches(): readonly InboundBatch[] {
    return this.args;
  }

  /** The logical topic of the first batch. */
  getTopic(): string {
    return this.getBatch().topic;
  }

  getPartition(): number {
    return this.getBatch().partition;
  }
}
