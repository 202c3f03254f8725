import { IDENTITY_TOPIC } from '@pipeline/contracts';
import { InboundBatch } from '@pipeline/kafka';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome } from '../batch-outcome';
import { IdentifyBatchService } from './identify-batch.service';

/**
 * Thin edge of the identity topic: the gathered batches of identifies in, handled one partition at a
 * time (identifies of one customer build on each other, and they are rare next to stage events).
 */
@Controller()
export class IdentityEventsHandler {
  constructor(private readonly identities: IdentifyBatchService) {}

  @EventPattern(IDENTITY_TOPIC)
  async handle(@Payload() batches: readonly InboundBatch[]): Promise<BatchOutcome> {
    const total = { applied: 0, duplicates: 0, deadLettered: 0, derived: 0, dropped: 0 };
    for (const batch of batches) {
      const outcome = await this.identities.process(batch);
      total.applied += outcome.applied;
      total.duplicates += outcome.duplicates;
      total.deadLettered += outcome.deadLettered;
      total.derived += outcome.derived;
      total.dropped += outcome.dropped;
    }
    return total;
  }
}
