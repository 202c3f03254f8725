import type { MessageHandler } from '@nestjs/microservices';
import { GATHER_GROUP, gatherGroupOf } from './gather-group';

function handler(extras?: Record<string, unknown>): MessageHandler {
  const fn = (() => Promise.resolve()) as unknown as MessageHandler;
  if (extras) fn.extras = extras;
  return fn;
}

describe(gatherGroupOf.name, () => {
  it('names the group a handler was registered with, the same for every pattern of it', () => {
    expect(gatherGroupOf(handler({ [GATHER_GROUP]: 'stage-events' }))).toBe('group: stage-events');
    expect(gatherGroupOf(handler({ [GATHER_GROUP]: 'stage-events' }))).toBe(
      gatherGroupOf(handler({ [GATHER_GROUP]: 'stage-events', other: 1 })),
    );
  });

  it('has no group without extras, with an empty name or with a name that is not a string', () => {
    expect(gatherGroupOf(handler())).toBeUndefined();
    expect(gatherGroupOf(handler({ [GATHER_GROUP]: '' }))).toBeUndefined();
    expect(gatherGroupOf(handler({ [GATHER_GROUP]: 7 }))).toBeUndefined();
  });
});
