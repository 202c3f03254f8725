import { parseOrdersCsv, splitCsvLine } from './orders-csv';

describe(parseOrdersCsv.name, () => {
  it('reads the columns by name, in any order and case, with line numbers', () => {
    const csv =
      'Amount,customer,DATE,order_id,currency,channel\n12.50,c-1,2026-01-02,o-1,EUR,web\n\n3,c-2,2026-01-03,,,\n';
    expect(parseOrdersCsv(csv)).toEqual({
      dataLines: 2,
      rows: [
        { line: 2, customer: 'c-1', date: '2026-01-02', amount: '12.50', currency: 'EUR', orderId: 'o-1' },
        { line: 4, customer: 'c-2', date: '2026-01-03', amount: '3' },
      ],
      problems: [],
      ignoredColumns: ['channel'],
    });
  });

  it('reports a missing column, a short row, an empty required field and a broken quote by line', () => {
    expect(parseOrdersCsv('customer,amount\nc-1,3\n').problems).toEqual([
      { line: 1, message: 'header lacks date (need customer,date,amount)' },
    ]);
    const csv = 'customer,date,amount\nc-1,2026-01-02\n,2026-01-02,4\n"c-3,2026-01-02,4\nc-4,2026-01-02,5\n';
    const parsed = parseOrdersCsv(csv);
    expect(parsed.problems).toEqual([
      { line: 2, message: 'has 2 fields, the header has 3' },
      { line: 3, message: 'empty customer' },
      { line: 4, message: 'unterminated quoted field' },
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([5]);
    expect(parsed.dataLines).toBe(4);
  });
});

describe(splitCsvLine.name, () => {
  it('honours RFC 4180 quotes', () => {
    expect(splitCsvLine('"a,b","say ""hi""", c ')).toEqual(['a,b', 'say "hi"', 'c']);
  });
});
