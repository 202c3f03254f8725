import { ConsentChannel } from '@pipeline/contracts';
import { compareFacts } from './compare-facts';
import { ConsentAnswer, JourneyState } from './journey-state';
import { ownValue, withSortedEntry } from './sorted-record';

/**
 * Consents with `answer` for `channel` when it is later than the one kept, by (answeredAt, eventId):
 * a late, older answer never replaces a newer one, and the result does not depend on arrival order.
 */
export function withLatestConsent(
  consents: JourneyState['cns'],
  channel: ConsentChannel,
  answer: ConsentAnswer,
): JourneyState['cns'] {
  const known = ownValue(consents, channel);
  if (known !== undefined && compareFacts([answer[0], answer[3]], [known[0], known[3]]) <= 0) return consents;
  return withSortedEntry(consents, channel, answer);
}

/** Every channel's latest answer of both journeys: what a merge of an anonymous journey keeps. */
export function mergedConsents(a: JourneyState['cns'], b: JourneyState['cns']): JourneyState['cns'] {
  let consents = a;
  for (const [channel, answer] of Object.entries(b ?? {}) as Array<[ConsentChannel, ConsentAnswer]>) {
    consents = withLatestConsent(consents, channel, answer);
  }
  return consents;
}
