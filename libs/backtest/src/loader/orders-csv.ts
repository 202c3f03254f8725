/** One data row of an orders CSV, as text, with its 1-based line number in the file. */
export interface OrderCsvRow {
  readonly line: number;
  readonly customer: string;
  readonly date: string;
  readonly amount: string;
  readonly currency?: string;
  readonly orderId?: string;
}

/** A problem with one line (0 for the file as a whole), reported and not published. */
export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export interface ParsedOrdersCsv {
  /** Non-blank lines after the header. */
  readonly dataLines: number;
  readonly rows: readonly OrderCsvRow[];
  readonly problems: readonly CsvProblem[];
  /** Header columns the loader does not use, left alone. */
  readonly ignoredColumns: readonly string[];
}

const REQUIRED = ['customer', 'date', 'amount'] as const;
const OPTIONAL = ['currency', 'order_id'] as const;

/**
 * Splits one CSV line into fields (RFC 4180 quoting: "a,b" and "" inside quotes; no line breaks inside
 * a field). Returns undefined for an unterminated quote.
 */
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields.map((f) => f.trim());
}

/**
 * Reads an orders CSV: a header naming `customer`, `date` and `amount` (and optionally `currency` and
 * `order_id`, in any order, any case), then one order per line. Blank lines are skipped; a line with
 * the wrong number of fields or an empty required field is a problem with its line number. Values
 * are checked against the event contract later, when each row becomes an event.
 */
export function parseOrdersCsv(text: string): ParsedOrdersCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  const header = headerIndex >= 0 ? splitCsvLine(lines[headerIndex]) : undefined;
  if (!header) {
    return { dataLines: 0, rows: [], problems: [{ line: 0, message: 'no header line' }], ignoredColumns: [] };
  }
  const names = header.map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    return {
      dataLines: 0,
      rows: [],
      problems: [
        { line: headerIndex + 1, message: `header lacks ${missing.join(', ')} (need customer,date,amount)` },
      ],
      ignoredColumns: [],
    };
  }
  const column = (name: string): number => names.indexOf(name);
  const known = new Set<string>([...REQUIRED, ...OPTIONAL]);
  const rows: OrderCsvRow[] = [];
  const problems: CsvProblem[] = [];
  let dataLines = 0;
  for (let i = headerIndex + 1; i < lines.length; i += 1) {
    const line = i + 1;
    if (lines[i].trim() === '') continue;
    dataLines += 1;
    const fields = splitCsvLine(lines[i]);
    if (!fields) {
      problems.push({ line, message: 'unterminated quoted field' });
      continue;
    }
    if (fields.length !== header.length) {
      problems.push({ line, message: `has ${fields.length} fields, the header has ${header.length}` });
      continue;
    }
    const value = (name: string): string | undefined => {
      const at = column(name);
      return at >= 0 && fields[at] !== '' ? fields[at] : undefined;
    };
    const empty = REQUIRED.filter((name) => value(name) === undefined);
    if (empty.length > 0) {
      problems.push({ line, message: `empty ${empty.join(', ')}` });
      continue;
    }
    const currency = value('currency');
    const orderId = value('order_id');
    rows.push({
      line,
      customer: value('customer') ?? '',
      date: value('date') ?? '',
      amount: value('amount') ?? '',
      ...(currency !== undefined && { currency }),
      ...(orderId !== undefined && { orderId }),
    });
  }
  return { dataLines, rows, problems, ignoredColumns: header.filter((h) => !known.has(h.toLowerCase())) };
}
