import { encodeCursor, parseAudienceQuery } from './audience-query';

describe(parseAudienceQuery.name, () => {
  it('reads repeated and comma-separated values, money in the pipeline currency and instants', () => {
    const parsed = parseAudienceQuery(
      {
        churnBand: ['high', 'medium,high'],
        stage: 'retention',
        minClv: '-10.50',
        maxClv: '200',
        lastSeenAfter: '2026-03-01T00:00:00+01:00',
        consent: 'email,sms',
        cursor: encodeCursor('cust-9'),
        limit: '50',
      },
      'EUR',
    );
    expect(parsed).toEqual({
      ok: true,
      query: {
        filter: {
          churnBands: ['high', 'medium'],
          stages: ['retention'],
          minClvMinor: -1050,
          maxClvMinor: 20000,
          lastSeenAfter: Date.UTC(2026, 1, 28, 23),
          consent: ['email', 'sms'],
        },
        cursor: 'cust-9',
        limit: 50,
      },
    });
  });

  it('defaults to every customer, 100 a page, from the start', () => {
    expect(parseAudienceQuery({}, 'EUR')).toEqual({
      ok: true,
      query: { filter: {}, cursor: null, limit: 100 },
    });
  });

  it.each([
    [{ churnBand: 'extreme' }, 'churnBand must be one or more of low, medium, high'],
    [{ band: 'high' }, 'unknown parameter band'],
    [{ limit: '0' }, 'limit must be an integer from 1 to 1000'],
    [{ minClv: '1.234' }, 'minClv must be a decimal amount of EUR in major units, e.g. 120.50'],
    [{ lastSeenBefore: 'yesterday' }, 'lastSeenBefore must be an ISO-8601 timestamp with an offset'],
    [{ cursor: 'not a cursor!' }, 'cursor is not one this API gave'],
    [{ stage: ['retention'], limit: ['1', '2'] }, 'limit must be given once'],
  ])('refuses %j', (params, message) => {
    expect(parseAudienceQuery(params, 'EUR')).toEqual({ ok: false, message });
  });
});
