import { Logger, type LoggerService } from '@nestjs/common';
import type { KafkaPublisher, OutboundMessage } from '@pipeline/kafka';
import type { DeadLetterRecord } from './dead-letter.record';
import { isRecordRefusal } from './record-refusal';

/**
 * Publishes dead letters so that none is lost to a refusal: all in one send; if the broker refuses a
 * record for good ({@link isRecordRefusal}), each on its own, and a refused one is replaced by its
 * `minimal` stand-in (logged as an error). Rejects when a stand-in is refused too, or on any other
 * (transient) failure, for the caller to retry; records already acknowledged are then sent again,
 * which the idempotent unit of work tolerates.
 */
export async function publishDeadLetters(
  publisher: Pick<KafkaPublisher, 'publish'>,
  records: readonly DeadLetterRecord[],
  logger: LoggerService = new Logger('DeadLetters'),
): Promise<void> {
  if (records.length === 0) return;
  try {
    await publisher.publish(records);
    return;
  } catch (error) {
    if (!isRecordRefusal(error)) throw error;
  }
  for (const record of records) {
    try {
      await publisher.publish([record]);
    } catch (error) {
      if (!isRecordRefusal(error)) throw error;
      const stand: OutboundMessage = record.minimal(
        `the broker refused the dead letter: ${(error as Error).message}`,
      );
      logger.error(
        `broker refused a ${record.value.length}-byte dead letter (${(error as Error).message}); ` +
          `publishing its minimal stand-in`,
      );
      await publisher.publish([stand]);
    }
  }
}
