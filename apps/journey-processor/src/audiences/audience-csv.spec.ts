import { CustomerProfileV1 } from '@pipeline/contracts';
import { audienceCsv } from './audience-csv';

const profile: CustomerProfileV1 = {
  eventId: 'profile:6:cust-1:e-1',
  customerId: 'cust-1',
  stages: { current: 'retention', furthest: 'advocacy', currentSince: '2026-03-01T00:00:00.000Z' },
  clv: { currency: 'EUR', simple: '-12.50', predictive: null, segment: 'unranked' },
  churn: { score: 0.4, band: 'medium', reasons: [] },
  orders: { count: 2, netRevenue: '80.00' },
  firstSeenAt: '2026-01-01T00:00:00.000Z',
  lastSeenAt: '2026-03-01T00:00:00.000Z',
  consent: { email: { status: 'granted', source: 'checkout', at: '2026-02-01T00:00:00.000Z' } },
  reflects: { eventsApplied: 7, causingEventId: 'e-1' },
  schemaVersion: 1,
};

describe(audienceCsv.name, () => {
  it('writes a header and one CRLF line per profile, empty cells for what is unknown', () => {
    expect(audienceCsv([profile]).split('\r\n')).toEqual([
      'customerId,currentStage,furthestStage,currency,clvSimple,clvPredictive,clvSegment,churnBand,churnScore,' +
        'orderCount,netRevenue,firstSeenAt,lastSeenAt,consent_email,consent_sms,consent_push,consent_ads',
      'cust-1,retention,advocacy,EUR,-12.50,,unranked,medium,0.4,2,80.00,' +
        '2026-01-01T00:00:00.000Z,2026-03-01T00:00:00.000Z,granted,,,',
      '',
    ]);
  });

  it('writes only the header for an empty page', () => {
    expect(audienceCsv([]).split('\r\n')).toHaveLength(2);
  });
});
