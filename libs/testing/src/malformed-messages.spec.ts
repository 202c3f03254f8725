import { parseJourneyEvent } from '@pipeline/contracts';
import { CustomerTotalBoundError, JourneyState, applyEvent } from '@pipeline/journey-domain';
import {
  customerTotalOverflowMessages,
  malformedMessages,
  maximumAmountMessages,
  withDuplicateKey,
} from './malformed-messages';

/** Kinds whose rejection comes from the processor's admission rather than the contract parser. */
const ADMISSION_KINDS = new Set(['the last day of 2099', 'a key that is not the customerId']);

function parsed(record: { topic: string; value: Buffer }) {
  return parseJourneyEvent(record.value, { topic: record.topic });
}

describe(malformedMessages.name, () => {
  it('gives every kind the rejection the contract parser reaches for it', () => {
    const wrong = malformedMessages(60)
      .filter((m) => !ADMISSION_KINDS.has(m.kind))
      .map((m) => ({ kind: m.kind, expected: m.expected, result: parsed(m) }))
      .filter(({ expected, result }) => result.ok || result.reason.code !== expected)
      .map(
        ({ kind, expected, result }) => `${kind}: ${expected}, got ${result.ok ? 'ok' : result.reason.code}`,
      );
    expect(wrong).toEqual([]);
  });

  it('includes the bound and duplicate-key records of issue 15', () => {
    const kinds = new Set(malformedMessages(60).map((m) => m.kind));
    for (const kind of [
      'an amount one minor unit over the maximum',
      'type given twice, the last another type',
    ])
      expect(kinds).toContain(kind);
  });
});

describe(withDuplicateKey.name, () => {
  it('appends the key once more at the top level', () => {
    expect(withDuplicateKey('{"type":"order_placed"}', 'type', '"ad_click"')).toBe(
      '{"type":"order_placed","type":"ad_click"}',
    );
  });
});

describe(maximumAmountMessages.name, () => {
  it('builds valid messages at exactly the maximum amount', () => {
    const results = maximumAmountMessages().map(parsed);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(5);
  });
});

describe(customerTotalOverflowMessages.name, () => {
  it('reaches the customer bound with the applied orders and passes it with the refused one', () => {
    const { applied, refused } = customerTotalOverflowMessages('cust-overflow');
    let state: JourneyState | undefined;
    applied.forEach((record, i) => {
      const result = parsed(record);
      if (!result.ok) throw new Error(result.reason.message);
      state = applyEvent(state, result.event, { topic: record.topic, partition: 0, offset: String(i) }).state;
    });
    const last = parsed(refused);
    if (!last.ok) throw new Error(last.reason.message);
    expect(() => applyEvent(state, last.event, { topic: refused.topic, partition: 0, offset: '9' })).toThrow(
      CustomerTotalBoundError,
    );
  });
});
