import { ALL_INBOUND_TOPICS } from '@pipeline/contracts';
import { GATHER_GROUP, InboundBatch } from '@pipeline/kafka';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchOutcome } from './batch-outcome';
import { JourneyBatchService } from './journey-batch.service';

/**
 * Thin edge of the stage topics: the batches of one fetch (gathered by the transport, several
 * partitions and topics) in, the journey use case awaited.
 */
@Controller()
export class StageEventsHandler {
  constructor(private readonly journeys: JourneyBatchService) {}

  // One gather group: a fetch's batches of all five stage topics form one unit.
  @EventPattern([...ALL_INBOUND_TOPICS], { [GATHER_GROUP]: 'stage-events' })
  handle(@Payload() batches: readonly InboundBatch[]): Promise<BatchOutcome> {
    return this.journeys.process(batches);
  }
}
