import { parseIngestBody } from './ingest-body';

const body = (value: unknown): Buffer =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe(parseIngestBody.name, () => {
  it('reads one event', () => {
    expect(parseIngestBody(body({ type: 'ad_click' }), 'event', 500)).toEqual({
      ok: true,
      events: [{ type: 'ad_click' }],
      rejected: new Map(),
    });
  });

  it('reads a batch and leaves each event for the contract to judge', () => {
    expect(parseIngestBody(body({ events: [{}, 7] }), 'batch', 500)).toEqual({
      ok: true,
      events: [{}, 7],
      rejected: new Map(),
    });
  });

  it('rejects an event with a key twice, which JSON.parse would hide, naming the key', () => {
    const parsed = parseIngestBody(
      body('{"type":"order_placed","eventId":"e","type":"ad_click"}'),
      'event',
      500,
    );
    expect(parsed).toMatchObject({ ok: true, events: [{ type: 'ad_click' }] });
    expect(parsed.ok && [...parsed.rejected]).toEqual([
      [
        0,
        {
          code: 'UNSAFE_STRUCTURE',
          field: 'type',
          message: 'key "type" appears more than once in one object',
        },
      ],
    ]);
  });

  it('rejects only the events of a batch that have a duplicate key, with the path inside the event', () => {
    const raw = body(
      '{"events":[{"type":"a"},{"properties":{"amount":"1","\\u0061mount":"9"}},{"a":1},{"b":1,"b":2,"c":{"d":1,"d":2}}]}',
    );
    const parsed = parseIngestBody(raw, 'batch', 500);
    expect(parsed.ok && [...parsed.rejected]).toEqual([
      [1, expect.objectContaining({ code: 'UNSAFE_STRUCTURE', field: 'properties.amount' })],
      [3, expect.objectContaining({ code: 'UNSAFE_STRUCTURE', field: 'b' })],
    ]);
  });

  it('refuses a body whose events list is given twice', () => {
    expect(parseIngestBody(body('{"events":[{}],"events":[{}]}'), 'batch', 500)).toEqual({
      ok: false,
      status: 400,
      code: 'INVALID_BATCH',
      message: 'key "events" appears more than once in the body',
    });
  });

  it.each([
    ['not JSON', '{"a":', 'event', 400, 'NOT_JSON'],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'event', 400, 'NOT_JSON'],
    ['an array for one event', [], 'event', 400, 'NOT_AN_OBJECT'],
    ['a string', '"hi"', 'event', 400, 'NOT_AN_OBJECT'],
    ['a batch without events', { items: [] }, 'batch', 400, 'INVALID_BATCH'],
    ['a batch with other fields', { events: [{}], sentAt: 'x' }, 'batch', 400, 'INVALID_BATCH'],
    ['an empty batch', { events: [] }, 'batch', 400, 'INVALID_BATCH'],
    ['a batch over the limit', { events: [{}, {}, {}] }, 'batch', 413, 'BATCH_TOO_LARGE'],
  ] as const)('refuses %s', (_case, value, shape, status, code) => {
    const raw = Buffer.isBuffer(value) ? value : body(value);
    expect(parseIngestBody(raw, shape, 2)).toMatchObject({ ok: false, status, code });
  });
});
