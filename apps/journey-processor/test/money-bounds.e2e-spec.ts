import {
  ALL_INBOUND_TOPICS,
  ClvEventV1,
  DeadLetterEventV1,
  INBOUND_TOPICS,
  OUTBOUND_TOPICS,
} from '@pipeline/contracts';
import {
  customerTotalOverflowMessages,
  envelope,
  maximumAmountMessages,
  overMaximumAmount,
  withDuplicateKey,
} from '@pipeline/testing';
import { RawRecord } from './kafka-test-client';
import { ProcessorFixture } from './processor-fixture';

describe('journey processor: money at the contract bounds, and duplicate keys', () => {
  const fixture = new ProcessorFixture('bounds');
  const conversion = INBOUND_TOPICS.conversion;
  const order = (customerId: string, amount: string) =>
    JSON.stringify(
      envelope('order_placed', {
        customerId,
        eventId: `${customerId}-order`,
        properties: { orderId: 'o-1', amount, currency: 'EUR' },
      }),
    );
  const overMaximum = order('mb-over', overMaximumAmount('EUR'));
  const typeTwice = withDuplicateKey(order('mb-twice', '1.00'), 'type', '"ad_click"');
  const maximum = maximumAmountMessages('mb-max-');
  const overflow = customerTotalOverflowMessages('mb-overflow');
  const afterOverflow = JSON.stringify(
    envelope('product_viewed', { customerId: 'mb-overflow', eventId: 'mb-overflow-view' }),
  );

  let letters: DeadLetterEventV1[];
  let clv: ClvEventV1[];

  beforeAll(async () => {
    await fixture.start();
    const records: RawRecord[] = [
      ...maximum,
      { topic: conversion, key: 'mb-over', value: overMaximum },
      { topic: conversion, key: 'mb-twice', value: typeTwice },
      ...overflow.applied,
      overflow.refused,
      { topic: INBOUND_TOPICS.consideration, key: 'mb-overflow', value: afterOverflow },
    ];
    await fixture.kafka.publishRaw(records);
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
    letters = (await fixture.kafka.readAll('journey.dead-letter.v1')).map(
      (r) => JSON.parse(r.value!.toString()) as DeadLetterEventV1,
    );
    clv = (await fixture.kafka.readAll(OUTBOUND_TOPICS.clv)).map(
      (r) => JSON.parse(r.value!.toString()) as ClvEventV1,
    );
  });

  afterAll(() => fixture.dispose());

  const letterFor = (value: string | Buffer) =>
    letters.find((l) => l.original.valueBase64 === Buffer.from(value).toString('base64'));

  it('dead-letters exactly the over-maximum amount, the duplicate key and the order past the customer bound', () => {
    expect(letters).toHaveLength(3);
    expect(letterFor(overMaximum)?.reason).toEqual({
      code: 'INVALID_FIELD',
      field: 'properties.amount',
      message: 'exceeds the maximum amount per event, 10000000000.00 EUR (1000000000000 minor units)',
    });
    expect(letterFor(typeTwice)?.reason).toEqual({
      code: 'UNSAFE_STRUCTURE',
      field: 'type',
      message: 'key "type" appears more than once in one object',
    });
    const refused = letterFor(overflow.refused.value);
    expect(refused?.reason.code).toBe('PROCESSING_FAILED');
    expect(refused?.reason.message).toContain('CustomerTotalBoundError');
  });

  it('applies every event at exactly the maximum amount and values it exactly', async () => {
    for (const record of maximum) expect((await fixture.journey(record.key!)).status).toBe(200);
    const eur = clv.find((event) => event.customerId === 'mb-max-0');
    // 10^12 minor units in the first year, 3 relationship years by default, no acquisition cost.
    expect(eur?.simple).toMatchObject({ netRevenue: '10000000000.00', value: '30000000000.00' });
  });

  it('keeps the customer past the bound as before the refused order, and applies its later event', async () => {
    const { status, body } = await fixture.journey('mb-overflow');
    expect(status).toBe(200);
    expect(body.countsByType).toEqual({ order_placed: 2, product_viewed: 1 });
    expect(body.orders).toMatchObject({
      count: 2,
      revenue: [{ currency: 'EUR', gross: { amount: '10000000000.00', currency: 'EUR' } }],
    });
  });
});
