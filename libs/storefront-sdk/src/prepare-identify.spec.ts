import { TrackValidationError } from './track-validation.error';
import { prepareIdentify } from './prepare-identify';

const NOW = new Date('2026-03-01T12:00:05.000Z');
const newId = () => 'id-1';

describe(prepareIdentify.name, () => {
  it('carries sentAt and receivedAt, given as text or Date, into the validated envelope', () => {
    const prepared = prepareIdentify(
      {
        customerId: 'cust-1',
        anonymousId: 'anon-1',
        occurredAt: '2026-03-01T13:00:00+01:00',
        sentAt: new Date('2026-03-01T12:00:01.000Z'),
        receivedAt: '2026-03-01T12:00:05.000Z',
      },
      NOW,
      newId,
    );
    expect(prepared).toMatchObject({ eventId: 'id-1', topic: 'journey.identity.v1', key: 'cust-1' });
    expect(JSON.parse(prepared.value)).toMatchObject({
      occurredAt: '2026-03-01T13:00:00+01:00',
      sentAt: '2026-03-01T12:00:01.000Z',
      receivedAt: '2026-03-01T12:00:05.000Z',
    });
  });

  it('names the field of an invalid Date instead of throwing while building the envelope', () => {
    const build = () =>
      prepareIdentify(
        { customerId: 'cust-1', anonymousId: 'anon-1', sentAt: new Date(Number.NaN) },
        NOW,
        newId,
      );
    expect(build).toThrow(TrackValidationError);
    try {
      build();
    } catch (error) {
      expect((error as TrackValidationError).rejection).toMatchObject({
        code: 'INVALID_FIELD',
        field: 'sentAt',
      });
    }
  });
});
