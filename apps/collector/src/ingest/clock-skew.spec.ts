import { parseIsoTimestamp } from '@pipeline/contracts';
import { correctedOccurredAt } from './clock-skew';

function ms(text: string): number {
  const parsed = parseIsoTimestamp(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.epochMs;
}

function correct(occurredAt: string, sentAt: string, receivedAt: string): string {
  return correctedOccurredAt(occurredAt, ms(occurredAt), ms(sentAt), ms(receivedAt));
}

describe(correctedOccurredAt.name, () => {
  it('moves an event from a clock running 10 minutes fast back onto the collector clock', () => {
    expect(correct('2026-03-01T12:10:00Z', '2026-03-01T12:10:05Z', '2026-03-01T12:00:05.200Z')).toBe(
      '2026-03-01T12:00:00.200Z',
    );
  });

  it('moves an event from a slow clock forward', () => {
    expect(correct('2026-03-01T11:00:00Z', '2026-03-01T11:00:30Z', '2026-03-01T12:00:30Z')).toBe(
      '2026-03-01T12:00:00.000Z',
    );
  });

  it('keeps the UTC offset the client wrote', () => {
    const corrected = correct(
      '2026-03-01T13:10:00+01:00',
      '2026-03-01T13:10:05+01:00',
      '2026-03-01T12:00:05Z',
    );
    expect(corrected).toBe('2026-03-01T13:00:00.000+01:00');
    expect(ms(corrected)).toBe(ms('2026-03-01T12:00:00Z'));
    expect(correct('2026-03-01T06:40:00-05:30', '2026-03-01T06:40:00-05:30', '2026-03-01T12:10:00Z')).toBe(
      '2026-03-01T06:40:00.000-05:30',
    );
  });

  it('changes nothing when the clocks agree and the network is instant', () => {
    expect(correct('2026-03-01T12:00:00Z', '2026-03-01T12:01:00Z', '2026-03-01T12:01:00Z')).toBe(
      '2026-03-01T12:00:00.000Z',
    );
  });
});
