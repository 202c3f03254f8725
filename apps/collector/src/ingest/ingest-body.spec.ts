import { parseIngestBody } from './ingest-body';

const body = (value: unknown): Buffer =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe(parseIngestBody.name, () => {
  it('reads one event', () => {
    expect(parseIngestBody(body({ type: 'ad_click' }), 'event', 500)).toEqual({
      ok: true,
      events: [{ type: 'ad_click' }],
    });
  });

  it('reads a batch and leaves each event for the contract to judge', () => {
    expect(parseIngestBody(body({ events: [{}, 7] }), 'batch', 500)).toEqual({ ok: true, events: [{}, 7] });
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
