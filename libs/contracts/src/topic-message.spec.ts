import { CustomerErasedEventV1 } from './outbound/customer-erased.event';
import { StageChangedEventV1 } from './outbound/stage-changed.event';
import { topicMessage } from './topic-message';
import { DEAD_LETTER_TOPIC, OUTBOUND_TOPICS } from './topics';

const erased: CustomerErasedEventV1 = {
  eventId: 'customer-erased:6:cust-1:1',
  customerId: 'cust-1',
  erasedAt: '2026-03-01T00:00:00.000Z',
  schemaVersion: 1,
};

describe(topicMessage.name, () => {
  it("serialises the topic's payload as the value, keyed as given", () => {
    expect(topicMessage(OUTBOUND_TOPICS.customerErased, 'cust-1', erased)).toEqual({
      topic: 'customer.erased.v1',
      key: 'cust-1',
      value: JSON.stringify(erased),
    });
  });

  it('carries headers only when given', () => {
    const message = topicMessage(OUTBOUND_TOPICS.customerErased, null, erased, { h: 'v' });
    expect(message.headers).toEqual({ h: 'v' });
    expect('headers' in topicMessage(OUTBOUND_TOPICS.customerErased, null, erased)).toBe(false);
  });

  it('refuses, at compile time, a payload of another topic', () => {
    const stageChanged: StageChangedEventV1 = {
      eventId: 'stage-changed:6:cust-1:e-1',
      customerId: 'cust-1',
      from: null,
      to: 'awareness',
      at: '2026-03-01T00:00:00.000Z',
      causingEventId: 'e-1',
      furthestStage: 'awareness',
      schemaVersion: 1,
    };
    // @ts-expect-error a stage change is not a customer.erased.v1 payload
    topicMessage(OUTBOUND_TOPICS.customerErased, 'cust-1', stageChanged);
    // @ts-expect-error a dead letter needs a reason and the original bytes
    topicMessage(DEAD_LETTER_TOPIC, 'cust-1', erased);
    expect(topicMessage(OUTBOUND_TOPICS.stageChanged, 'cust-1', stageChanged).topic).toBe(
      OUTBOUND_TOPICS.stageChanged,
    );
  });
});
