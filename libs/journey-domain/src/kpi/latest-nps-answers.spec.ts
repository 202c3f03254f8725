import { CustomerNpsAnswer, latestAnswersInWindow } from './latest-nps-answers';

const answer = (customerId: string, at: number, score: number, eventId: string): CustomerNpsAnswer => ({
  customerId,
  at,
  score,
  eventId,
});

describe(latestAnswersInWindow.name, () => {
  it('keeps the latest answer per customer within [from, to), ordered by customer', () => {
    const answers = [
      answer('b', 15, 3, 'e-1'),
      answer('a', 10, 9, 'e-2'),
      answer('a', 12, 4, 'e-3'),
      answer('b', 20, 10, 'e-4'),
      answer('c', 9, 8, 'e-5'),
    ];
    expect(latestAnswersInWindow(answers, 10, 20)).toEqual([
      answer('a', 12, 4, 'e-3'),
      answer('b', 15, 3, 'e-1'),
    ]);
  });

  it('breaks a tie in time by the larger event id, whatever the input order', () => {
    const x = answer('a', 5, 1, 'e-a');
    const y = answer('a', 5, 10, 'e-b');
    expect(latestAnswersInWindow([x, y], 0, 10)).toEqual([y]);
    expect(latestAnswersInWindow([y, x], 0, 10)).toEqual([y]);
  });

  it('returns nothing for no answers or an empty window', () => {
    expect(latestAnswersInWindow([], 0, 10)).toEqual([]);
    expect(latestAnswersInWindow([answer('a', 5, 9, 'e')], 5, 5)).toEqual([]);
  });
});
