import {
  IdentifyEvent,
  JourneyEvent,
  Rejection,
  parseIdentifyEvent,
  parseJourneyEvent,
} from '@pipeline/contracts';

/** The parts of a Kafka message admission looks at. */
export interface AdmissionInput {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Broker timestamp (append or create time), epoch ms as a decimal string. */
  readonly timestamp: string;
}

export type Admission<E = JourneyEvent> = { ok: true; event: E } | { ok: false; reason: Rejection };

/**
 * Decides whether one message enters the journey: the contract must accept it, its key must be its
 * customerId (so one customer's events share a partition and stay in order), and its event time may
 * run ahead of the broker's timestamp by at most `maxFutureSkewMs`. The broker timestamp, not the
 * wall clock, is the reference so that a replay decides exactly as the first run did.
 */
export function admitMessage(message: AdmissionInput, topic: string, maxFutureSkewMs: number): Admission {
  const parsed = parseJourneyEvent(message.value, { topic });
  if (!parsed.ok) return parsed;
  const reason = keyAndClockRejection(message, parsed.event, maxFutureSkewMs);
  return reason ? { ok: false, reason } : parsed;
}

/** The same decision for a message of the identity topic, keyed by the known customer's id. */
export function admitIdentify(message: AdmissionInput, maxFutureSkewMs: number): Admission<IdentifyEvent> {
  const parsed = parseIdentifyEvent(message.value);
  if (!parsed.ok) return parsed;
  const reason = keyAndClockRejection(message, parsed.event, maxFutureSkewMs);
  return reason ? { ok: false, reason } : parsed;
}

function keyAndClockRejection(
  message: AdmissionInput,
  event: { readonly customerId: string; readonly occurredAt: number },
  maxFutureSkewMs: number,
): Rejection | undefined {
  const key = message.key?.toString('utf8') ?? null;
  if (key !== event.customerId) {
    return {
      code: 'KEY_MISMATCH',
      field: 'customerId',
      message:
        key === null ? 'message has no key; key it by customerId' : 'message key differs from customerId',
    };
  }
  const brokerTime = Number(message.timestamp);
  if (Number.isFinite(brokerTime) && event.occurredAt > brokerTime + maxFutureSkewMs) {
    return {
      code: 'OCCURRED_IN_FUTURE',
      field: 'occurredAt',
      message: `occurredAt is ${Math.round((event.occurredAt - brokerTime) / 1000)} s after the broker timestamp; at most ${Math.round(maxFutureSkewMs / 1000)} s is tolerated`,
    };
  }
  return undefined;
}
