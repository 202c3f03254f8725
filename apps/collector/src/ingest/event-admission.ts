import { isEventType, parseIdentifyEvent, parseJourneyEvent, type Rejection } from '@pipeline/contracts';
import type { AnyTrackInput, IdentifyBatchInput } from '@pipeline/storefront-sdk';
import { GRANTED_BY_NAME_ONLY, grantsEventType, type ApiKeyGrant } from '../api-keys/api-key-grant';
import { correctedOccurredAt } from './clock-skew';
import type { EventRejection } from './event-result';

export type Admission =
  | { readonly ok: true; readonly envelope: AnyTrackInput | IdentifyBatchInput }
  | { readonly ok: false; readonly reason: EventRejection };

/** What admission needs from the contract's verdict on an envelope: its instants, epoch ms. */
type Verdict<E> = { ok: true; event: E } | { ok: false; reason: Rejection };
type Timed = { readonly occurredAt: number; readonly sentAt?: number };

/**
 * Decides on one event of a request: the key must be granted its type; `receivedAt` is stamped (a
 * client's own value is replaced); the contract validates it; and when the client sent `sentAt`,
 * `occurredAt` is corrected for the client's clock offset (see correctedOccurredAt) and validated
 * again. The corrected value replaces the client's; `sentAt` and `receivedAt` travel on, so the
 * original is `occurredAt - (receivedAt - sentAt)`. An `identify` goes through the same steps against
 * the identity contract, and only with a key granted `identify` by name.
 */
export function admitEvent(raw: unknown, grant: ApiKeyGrant, receivedAtMs: number): Admission {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: { code: 'NOT_AN_OBJECT', message: 'an event must be a JSON object' } };
  }
  const type = (raw as { type?: unknown }).type;
  if (type === 'identify') {
    if (!grant.identify) return forbidden('identify', ' (grant "identify" by name: "*" does not include it)');
    const checked = stampAndCheck(raw, receivedAtMs, parseIdentifyEvent);
    if (!checked.ok) return checked;
    const { envelope, event } = checked;
    const identify: IdentifyBatchInput = {
      type: 'identify',
      eventId: event.eventId,
      customerId: event.customerId,
      anonymousId: event.properties.anonymousId,
      occurredAt: envelope.occurredAt as string,
      receivedAt: envelope.receivedAt as string,
      ...(envelope.sentAt !== undefined && { sentAt: envelope.sentAt as string }),
      ...(event.channel !== undefined && { channel: event.channel }),
    };
    return { ok: true, envelope: identify };
  }
  if (isEventType(type) && !grantsEventType(grant, type)) {
    return forbidden(
      type,
      GRANTED_BY_NAME_ONLY.has(type) ? ` (grant "${type}" by name: "*" does not include it)` : '',
    );
  }
  const checked = stampAndCheck(raw, receivedAtMs, (text) => parseJourneyEvent(text));
  if (!checked.ok) return checked;
  // The contract parser accepted exactly this object: it is a valid wire envelope.
  return { ok: true, envelope: checked.envelope as unknown as AnyTrackInput };
}

function forbidden(type: string, hint: string): Admission {
  return {
    ok: false,
    reason: {
      code: 'FORBIDDEN_EVENT_TYPE',
      field: 'type',
      message: `this API key may not send ${type} events${hint}`,
    },
  };
}

/** Stamps `receivedAt`, validates, and corrects `occurredAt` for the client clock when `sentAt` is given. */
function stampAndCheck<E extends Timed>(
  raw: object,
  receivedAtMs: number,
  parse: (text: string) => Verdict<E>,
): { ok: true; envelope: Record<string, unknown>; event: E } | { ok: false; reason: EventRejection } {
  const envelope: Record<string, unknown> = { ...raw, receivedAt: new Date(receivedAtMs).toISOString() };
  const parsed = parse(JSON.stringify(envelope));
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { occurredAt, sentAt } = parsed.event;
  if (sentAt === undefined) return { ok: true, envelope, event: parsed.event };

  envelope.occurredAt = correctedOccurredAt(envelope.occurredAt as string, occurredAt, sentAt, receivedAtMs);
  const corrected = parse(JSON.stringify(envelope));
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
  return { ok: true, envelope, event: corrected.event };
}
