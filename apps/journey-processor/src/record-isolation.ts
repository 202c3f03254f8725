import { Rejection } from '@pipeline/contracts';
import { DeadLetters } from '@pipeline/dead-letters';
import { InboundBatch, OutboundMessage } from '@pipeline/kafka';
import { PipelineMetrics } from '@pipeline/observability';
import {
  DeterministicFailure,
  FailureStage,
  IsolationPlan,
  JourneyUnitOfWork,
  RefusedRecord,
  Settlement,
  classifyFailure,
  deadLettersOnly,
  errorClass,
  errorMessage,
} from '@pipeline/unit-of-work';
import { LoggerService } from '@nestjs/common';
import { pauseUnit } from './pause-unit';
import { ProcessorSettings } from './processor-settings';

/** The `PROCESSING_FAILED` reason of a record that fails whenever it is tried, naming the step. */
export function processingFailure(stage: FailureStage, error: unknown): Rejection {
  return { code: 'PROCESSING_FAILED', field: stage, message: `${errorClass(error)}: ${errorMessage(error)}` };
}

/** How one of the processor's batch services runs a unit, with the record it sets aside. */
export interface IsolatedUnit<T> {
  readonly batches: readonly InboundBatch[];
  run(items: readonly T[]): Promise<void>;
  /** The dead letter of an item that fails on its own. */
  letterOf(item: T, reason: Rejection): OutboundMessage;
  /** Told once that item's dead letter is published. */
  lettered(item: T): void;
  /** What the items are, for the log: "records", "identifies". */
  readonly noun: string;
}

/**
 * What the processor's batch services (stage events, identify) share around the unit of work: the
 * isolation plan of a unit (classification, backoff with heartbeats, a split counted and logged, a
 * record that fails on its own dead-lettered), and what takes the place of a record the broker
 * refuses for good.
 */
export class RecordIsolation {
  constructor(
    private readonly unit: JourneyUnitOfWork,
    private readonly deadLetters: DeadLetters,
    private readonly settings: ProcessorSettings,
    private readonly metrics: PipelineMetrics,
    private readonly logger: LoggerService,
  ) {}

  plan<T>(unit: IsolatedUnit<T>, now: () => Date): IsolationPlan<T> {
    return {
      run: (items) => unit.run(items),
      quarantine: async (item, error) => {
        const stage = error instanceof DeterministicFailure ? error.stage : 'unit';
        const letter = unit.letterOf(item, processingFailure(stage, error));
        const { replacementFor, onLost } = this.replacement(now);
        await this.unit.settle(deadLettersOnly([letter], replacementFor, onLost));
        unit.lettered(item);
      },
      classify: classifyFailure,
      unknownAttempts: this.settings.isolation.unknownAttempts,
      pause: (attempt) => pauseUnit(unit.batches, attempt, this.settings.isolation.backoff),
      onSplit: (size, kind, error) => {
        this.metrics.unitSplit(kind);
        this.logger.warn(
          `a ${kind} failure on ${size} ${unit.noun}, isolating the one that causes it: ${errorMessage(error)}`,
        );
      },
    };
  }

  /** A settlement's stand-in for a refused record, and what it does when that is refused too. */
  replacement(now: () => Date): Required<Pick<Settlement, 'replacementFor' | 'onLost'>> {
    return {
      replacementFor: ({ message, error }: RefusedRecord) =>
        this.deadLetters.forRefused(message, `${errorClass(error)}: ${errorMessage(error)}`, now()),
      onLost: ({ message, error }: RefusedRecord) => {
        this.logger.error(
          `the broker refused a ${message.topic} record and its dead letter, kept in this log only: ${errorMessage(error)}`,
        );
      },
    };
  }
}
