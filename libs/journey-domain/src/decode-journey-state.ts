import { ParseStateResult, parseJourneyState } from './parse-journey-state';

/** A stored state's JSON read back, with malformed JSON reported like any other unreadable state. */
export function decodeJourneyState(data: string): ParseStateResult {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error: unknown) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return parseJourneyState(value);
}
