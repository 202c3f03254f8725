import { ConsentChannel, CustomerConsentV1 } from '@pipeline/contracts';
import { ConsentAnswer, JourneyState } from './journey-state';

/** The journey's consent per channel as the API and the derived events show it. */
export function consentView(state: JourneyState): CustomerConsentV1 {
  const view: Partial<Record<ConsentChannel, CustomerConsentV1[ConsentChannel]>> = {};
  for (const [channel, [at, status, source]] of Object.entries(state.cns ?? {}) as Array<
    [ConsentChannel, ConsentAnswer]
  >) {
    view[channel] = { status, source, at: new Date(at).toISOString() };
  }
  return view;
}
