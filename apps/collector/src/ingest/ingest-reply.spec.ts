import type { EventResult } from './event-result';
import { ingestReply } from './ingest-reply';

const accepted: EventResult = { index: 0, status: 'accepted', eventId: 'e-1' };
const invalid: EventResult = {
  index: 1,
  status: 'rejected',
  reason: { code: 'INVALID_FIELD', field: 'properties.amount', message: 'is negative' },
};
const forbidden: EventResult = {
  index: 0,
  status: 'rejected',
  reason: { code: 'FORBIDDEN_EVENT_TYPE', field: 'type', message: 'no' },
};
const unsent: EventResult = {
  index: 0,
  status: 'rejected',
  reason: { code: 'SEND_FAILED', message: 'down' },
};

describe(ingestReply.name, () => {
  it('answers a batch 202 with every result, valid or not', () => {
    expect(ingestReply({ kind: 'processed', results: [accepted, invalid] }, 'batch')).toEqual({
      status: 202,
      headers: {},
      body: { results: [accepted, invalid] },
      reason: 'SOME_REJECTED',
    });
    expect(ingestReply({ kind: 'processed', results: [accepted] }, 'batch').reason).toBe('ACCEPTED');
  });

  it('answers one event by its result: 202, 403 outside the grant, 400 invalid', () => {
    expect(ingestReply({ kind: 'processed', results: [accepted] }, 'event').status).toBe(202);
    expect(ingestReply({ kind: 'processed', results: [forbidden] }, 'event').status).toBe(403);
    expect(ingestReply({ kind: 'processed', results: [{ ...invalid, index: 0 }] }, 'event').status).toBe(400);
  });

  it('gives one event its rejection code as the reason', () => {
    expect(ingestReply({ kind: 'processed', results: [forbidden] }, 'event').reason).toBe(
      'FORBIDDEN_EVENT_TYPE',
    );
  });

  it('answers 503 with Retry-After when Kafka did not take an event', () => {
    const reply = ingestReply({ kind: 'processed', results: [unsent, { ...accepted, index: 1 }] }, 'batch');
    expect(reply).toMatchObject({ status: 503, headers: { 'Retry-After': '1' }, reason: 'SEND_FAILED' });
  });

  it('answers 429 with Retry-After in whole seconds', () => {
    expect(
      ingestReply({ kind: 'rate-limited', retryAfterSeconds: 7, message: 'slow down' }, 'event'),
    ).toEqual({
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { code: 'RATE_LIMITED', message: 'slow down' },
      reason: 'RATE_LIMITED',
    });
  });

  it('answers a refused body with its status and code', () => {
    expect(
      ingestReply({ kind: 'refused', status: 413, code: 'BATCH_TOO_LARGE', message: 'too many' }, 'batch'),
    ).toEqual({
      status: 413,
      headers: {},
      body: { code: 'BATCH_TOO_LARGE', message: 'too many' },
      reason: 'BATCH_TOO_LARGE',
    });
  });
});
