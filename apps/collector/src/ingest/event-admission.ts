import { isEventType, parseJourneyEvent } from '@pipeline/contracts';
import type { AnyTrackInput } from '@pipeline/storefront-sdk';
import { grantsEventType, type ApiKeyGrant } from '../api-keys/api-key-grant';
import { correctedOccurredAt } from './clock-skew';
import type { EventRejection } from './event-result';

export type Admission =
  | { readonly ok: true; readonly envelope: AnyTrackInput }
  | { readonly ok: false; readonly reason: EventRejection };

/**
 * Decides on one event of a request: the key must be granted its type; `receivedAt` is stamped (a
 * client's own value is replaced); the contract validates it; and when the client sent `sentAt`,
 * `occurredAt` is corrected for the client's clock offset (see correctedOccurredAt) and validated
 * again. The corrected value replaces the client's; `sentAt` and `receivedAt` travel on, so the
 * original is `occurredAt - (receivedAt - sentAt)`.
 */
export function admitEvent(raw: unknown, grant: ApiKeyGrant, receivedAtMs: number): Admission {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: { code: 'NOT_AN_OBJECT', message: 'an event must be a JSON object' } };
  }
  const type = (raw as { type?: unknown }).type;
  if (isEventType(type) && !grantsEventType(grant, type)) {
    return {
      ok: false,
      reason: {
        code: 'FORBIDDEN_EVENT_TYPE',
        field: 'type',
        message: `this API key may not send ${type} events`,
      },
    };
  }

  const envelope: Record<string, unknown> = { ...raw, receivedAt: new Date(receivedAtMs).toISOString() };
  const parsed = parseJourneyEvent(JSON.stringify(envelope));
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { occurredAt, sentAt } = parsed.event;
  if (sentAt === undefined) return admitted(envelope);

  envelope.occurredAt = correctedOccurredAt(envelope.occurredAt as string, occurredAt, sentAt, receivedAtMs);
  const corrected = parseJourneyEvent(JSON.stringify(envelope));
  if (!corrected.ok) {
    return {
      ok: false,
      reason: {
        code: 'INVALID_FIELD',
        field: 'occurredAt',
        message: `corrected for the client clock (occurredAt + receivedAt - sentAt) ${corrected.reason.message}`,
      },
    };
  }
  return admitted(envelope);
}

function admitted(envelope: Record<string, unknown>): Admission {
  // The contract parser accepted exactly this object above: it is a valid wire envelope.
  return { ok: true, envelope: envelope as unknown as AnyTrackInput };
}
