import { BaseRpcContext } from '@nestjs/microservices';
import type { InboundBatch } from './inbound-batch';

/** The `@Ctx()` of a `KafkaBatchServer` handler. */
export class KafkaBatchContext extends BaseRpcContext<[InboundBatch]> {
  getBatch(): InboundBatch {
    return this.args[0];
  }

  /** The logical topic. */
  getTopic(): string {
    return this.args[0].topic;
  }

  getPartition(): number {
    return this.args[0].partition;
  }
}
