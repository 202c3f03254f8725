import { IDENTITY_TOPIC } from '@pipeline/contracts';
import { InboundBatch } from '@pipeline/kafka';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome } from '../batch-outcome';
import { IdentifyBatchService } from './identify-batch.service';

/** Thin edge of the identity topic: one partition's batch of identifies in, the use case awaited. */
@Controller()
export class IdentityEventsHandler {
  constructor(private readonly identities: IdentifyBatchService) {}

  @EventPattern(IDENTITY_TOPIC)
  handle(@Payload() batch: InboundBatch): Promise<BatchOutcome> {
    return this.identities.process(batch);
  }
}
